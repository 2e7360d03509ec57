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

/// The formats decoded here.
typedef enum { SSLQ_PNG, SSLQ_JPEG } sslq_image_format;

/// Reads only the header of a PNG or JPEG held in memory. Returns 0 and fills `info`, or
/// nonzero with a message in `error`.
int sslq_image_probe(sslq_image_format format, const unsigned char *data, size_t size, sslq_image_info *info,
                     char *error, size_t error_size);

/// Decodes a PNG or JPEG held in memory row by row, handing each row to `sink`. Refuses
/// images of more than `max_pixels` pixels before decoding. PNG: palette and low bit depths
/// expanded; memory is one row, or the whole image for interlaced files (which libpng needs
/// whole). JPEG: baseline or progressive, gray or colour, max_value 255. Returns 0 on
/// success; otherwise nonzero with a message in `error`.
int sslq_image_decode_rows(sslq_image_format format, const unsigned char *data, size_t size, uint64_t max_pixels,
                           sslq_row_sink sink, void *context, char *error, size_t error_size);

#endif
