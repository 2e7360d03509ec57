// ssl-quality: PNG and JPEG decoding with libpng/libjpeg errors turned into return codes.
#ifndef SSLQ_IMAGE_CODECS_H
#define SSLQ_IMAGE_CODECS_H

#include <stddef.h>
#include <stdint.h>

/// Geometry of a decoded image. `channels` is 1 (gray), 2 (gray+alpha), 3 (RGB) or
/// 4 (RGBA); samples range over 0...max_value (255 or 65535).
typedef struct {
  uint32_t width;
  uint32_t height;
  uint32_t channels;
  uint32_t max_value;
} sslq_image_info;

/// Decodes a PNG held in memory into interleaved 16-bit samples (palette and low bit
/// depths expanded). On success returns 0 and `*pixels` (free with `sslq_image_free`);
/// otherwise returns nonzero and writes a message into `error`.
int sslq_png_decode(const unsigned char *data, size_t size, uint16_t **pixels,
                    sslq_image_info *info, char *error, size_t error_size);

/// Decodes a baseline or progressive JPEG (gray or colour) held in memory into interleaved
/// 16-bit samples with max_value 255. Same contract as `sslq_png_decode`.
int sslq_jpeg_decode(const unsigned char *data, size_t size, uint16_t **pixels,
                     sslq_image_info *info, char *error, size_t error_size);

/// Releases pixels returned by the decoders.
void sslq_image_free(uint16_t *pixels);

/// Largest number of samples (width * height * channels) a decoder accepts.
#define SSLQ_MAX_SAMPLES ((uint64_t)1 << 30)

#endif
