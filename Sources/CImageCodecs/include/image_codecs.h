// ssl-quality: PNG and JPEG decoding with libpng/libjpeg errors turned into return codes.
#ifndef SSLQ_IMAGE_CODECS_H
#define SSLQ_IMAGE_CODECS_H

#include <stddef.h>
#include <stdint.h>

/// Geometry of an image. `channels` is 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA)
/// after palette expansion; samples range over 0...max_value (255 or 65535).
typedef struct {
  uint32_t width;
  uint32_t height;
  uint32_t channels;
  uint32_t max_value;
} sslq_image_info;

/// Receives one decoded row: `width * info->channels` interleaved samples. Rows arrive in
/// order, top to bottom.
typedef void (*sslq_row_sink)(void *context, const uint16_t *samples, const sslq_image_info *info);

/// Reads only the header of a PNG held in memory. Returns 0 and fills `info`, or nonzero
/// with a message in `error`.
int sslq_png_probe(const unsigned char *data, size_t size, sslq_image_info *info, char *error,
                   size_t error_size);

/// Reads only the header of a JPEG held in memory. Same contract as `sslq_png_probe`.
int sslq_jpeg_probe(const unsigned char *data, size_t size, sslq_image_info *info, char *error,
                    size_t error_size);

/// Decodes a PNG held in memory row by row (palette and low bit depths expanded), handing
/// each row to `sink`. Refuses images of more than `max_pixels` pixels before decoding.
/// Memory: one row, or the whole image for interlaced files (which libpng needs whole).
/// Returns 0 on success; otherwise nonzero with a message in `error`.
int sslq_png_decode_rows(const unsigned char *data, size_t size, uint64_t max_pixels,
                         sslq_row_sink sink, void *context, char *error, size_t error_size);

/// Decodes a baseline or progressive JPEG (gray or colour) row by row, max_value 255.
/// Same contract as `sslq_png_decode_rows`.
int sslq_jpeg_decode_rows(const unsigned char *data, size_t size, uint64_t max_pixels,
                          sslq_row_sink sink, void *context, char *error, size_t error_size);

#endif
