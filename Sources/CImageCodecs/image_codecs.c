// ssl-quality: PNG and JPEG decoding with libpng/libjpeg errors turned into return codes.
// Both libraries report fatal errors by longjmp, which Swift cannot catch; this file is
// the only place that sees setjmp.
#include "image_codecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <jpeglib.h>

static void copy_message(char *error, size_t error_size, const char *message) {
  if (error_size == 0) return;
  snprintf(error, error_size, "%s", message);
}

void sslq_image_free(uint16_t *pixels) { free(pixels); }

// MARK: - PNG

typedef struct {
  const unsigned char *data;
  size_t size;
  size_t offset;
  jmp_buf jump;
  char message[256];
} png_source;

static void png_read_memory(png_structp png, png_bytep out, png_size_t length) {
  png_source *source = (png_source *)png_get_io_ptr(png);
  if (length > source->size - source->offset) {
    png_error(png, "file is truncated");
  }
  memcpy(out, source->data + source->offset, length);
  source->offset += length;
}

static void png_fail(png_structp png, png_const_charp message) {
  png_source *source = (png_source *)png_get_error_ptr(png);
  snprintf(source->message, sizeof source->message, "%s", message);
  longjmp(source->jump, 1);
}

static void png_ignore_warning(png_structp png, png_const_charp message) {
  (void)png;
  (void)message;
}

int sslq_png_decode(const unsigned char *data, size_t size, uint16_t **pixels,
                    sslq_image_info *info, char *error, size_t error_size) {
  *pixels = NULL;
  if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
    copy_message(error, error_size, "not a PNG file (bad signature)");
    return 1;
  }
  png_source source = {data, size, 8, {0}, {0}};
  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, &source, png_fail, png_ignore_warning);
  if (png == NULL) {
    copy_message(error, error_size, "libpng could not start");
    return 1;
  }
  png_infop png_info = png_create_info_struct(png);
  uint16_t *volatile out = NULL;
  png_bytep *volatile rows = NULL;
  if (png_info == NULL || setjmp(source.jump)) {
    free(out);
    free(rows);
    png_destroy_read_struct(&png, png_info ? &png_info : NULL, NULL);
    copy_message(error, error_size, source.message[0] ? source.message : "corrupt PNG");
    return 1;
  }
  png_set_read_fn(png, &source, png_read_memory);
  png_set_sig_bytes(png, 8);
  png_read_info(png, png_info);

  png_uint_32 width = png_get_image_width(png, png_info);
  png_uint_32 height = png_get_image_height(png, png_info);
  int color_type = png_get_color_type(png, png_info);
  int bit_depth = png_get_bit_depth(png, png_info);

  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, png_info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  if (bit_depth == 16) png_set_swap(png);  // host (little-endian) order
  png_set_interlace_handling(png);
  png_read_update_info(png, png_info);

  int channels = png_get_channels(png, png_info);
  int out_depth = png_get_bit_depth(png, png_info);
  uint64_t samples = (uint64_t)width * height * (uint64_t)channels;
  if (width == 0 || height == 0 || samples > SSLQ_MAX_SAMPLES) {
    png_error(png, "image dimensions are zero or too large");
  }
  size_t row_bytes = png_get_rowbytes(png, png_info);
  unsigned char *raw = malloc(row_bytes * height);
  rows = malloc(sizeof(png_bytep) * height);
  out = malloc(sizeof(uint16_t) * samples);
  if (raw == NULL || rows == NULL || out == NULL) {
    free(raw);
    png_error(png, "out of memory");
  }
  for (png_uint_32 y = 0; y < height; y++) rows[y] = raw + (size_t)y * row_bytes;
  // A corrupt stream longjmps out of png_read_image; keep `raw` reachable for cleanup.
  png_bytep *raw_rows = rows;
  if (setjmp(source.jump)) {
    free(raw_rows[0]);
    free(out);
    free(raw_rows);
    png_destroy_read_struct(&png, &png_info, NULL);
    copy_message(error, error_size, source.message[0] ? source.message : "corrupt PNG");
    return 1;
  }
  png_read_image(png, rows);
  png_read_end(png, NULL);

  size_t row_samples = (size_t)width * channels;
  for (png_uint_32 y = 0; y < height; y++) {
    const unsigned char *row = rows[y];
    uint16_t *dst = out + (size_t)y * row_samples;
    if (out_depth == 16) {
      memcpy(dst, row, row_samples * sizeof(uint16_t));
    } else {
      for (size_t k = 0; k < row_samples; k++) dst[k] = row[k];
    }
  }
  free(raw);
  free(rows);
  png_destroy_read_struct(&png, &png_info, NULL);
  info->width = width;
  info->height = height;
  info->channels = (uint32_t)channels;
  info->max_value = out_depth == 16 ? 65535 : 255;
  *pixels = out;
  return 0;
}

// MARK: - JPEG

typedef struct {
  struct jpeg_error_mgr base;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
} jpeg_failure;

static void jpeg_fail(j_common_ptr cinfo) {
  jpeg_failure *failure = (jpeg_failure *)cinfo->err;
  (*cinfo->err->format_message)(cinfo, failure->message);
  longjmp(failure->jump, 1);
}

// Warnings (level -1) mean corrupt or truncated data, which libjpeg would paper over with
// grey pixels; a mask must not silently change, so they fail the decode.
static void jpeg_strict(j_common_ptr cinfo, int level) {
  if (level < 0) jpeg_fail(cinfo);
}

int sslq_jpeg_decode(const unsigned char *data, size_t size, uint16_t **pixels,
                     sslq_image_info *info, char *error, size_t error_size) {
  *pixels = NULL;
  if (size < 3 || data[0] != 0xFF || data[1] != 0xD8) {
    copy_message(error, error_size, "not a JPEG file (bad signature)");
    return 1;
  }
  struct jpeg_decompress_struct cinfo;
  jpeg_failure failure;
  memset(&failure, 0, sizeof failure);
  cinfo.err = jpeg_std_error(&failure.base);
  failure.base.error_exit = jpeg_fail;
  failure.base.emit_message = jpeg_strict;
  uint16_t *volatile out = NULL;
  unsigned char *volatile line = NULL;
  if (setjmp(failure.jump)) {
    free(out);
    free(line);
    jpeg_destroy_decompress(&cinfo);
    copy_message(error, error_size, failure.message[0] ? failure.message : "corrupt JPEG");
    return 1;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, data, (unsigned long)size);
  jpeg_read_header(&cinfo, TRUE);
  if (cinfo.num_components == 1) {
    cinfo.out_color_space = JCS_GRAYSCALE;
  } else if (cinfo.num_components == 3) {
    cinfo.out_color_space = JCS_RGB;
  } else {
    snprintf(failure.message, sizeof failure.message,
             "unsupported JPEG with %d colour components", cinfo.num_components);
    longjmp(failure.jump, 1);
  }
  jpeg_start_decompress(&cinfo);
  uint32_t width = cinfo.output_width, height = cinfo.output_height;
  uint32_t channels = (uint32_t)cinfo.output_components;
  uint64_t samples = (uint64_t)width * height * channels;
  if (width == 0 || height == 0 || samples > SSLQ_MAX_SAMPLES) {
    snprintf(failure.message, sizeof failure.message, "image dimensions are zero or too large");
    longjmp(failure.jump, 1);
  }
  out = malloc(sizeof(uint16_t) * samples);
  line = malloc((size_t)width * channels);
  if (out == NULL || line == NULL) {
    snprintf(failure.message, sizeof failure.message, "out of memory");
    longjmp(failure.jump, 1);
  }
  size_t row_samples = (size_t)width * channels;
  while (cinfo.output_scanline < height) {
    uint32_t y = cinfo.output_scanline;
    JSAMPROW row = line;
    if (jpeg_read_scanlines(&cinfo, &row, 1) != 1) {
      snprintf(failure.message, sizeof failure.message, "file is truncated");
      longjmp(failure.jump, 1);
    }
    // Copy through non-volatile pointers so the widening loop vectorises.
    uint16_t *dst = out + (size_t)y * row_samples;
    const unsigned char *src = line;
    for (size_t k = 0; k < row_samples; k++) dst[k] = src[k];
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  free(line);
  info->width = width;
  info->height = height;
  info->channels = channels;
  info->max_value = 255;
  *pixels = out;
  return 0;
}
