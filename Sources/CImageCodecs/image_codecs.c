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

static int too_large(const sslq_image_info *info, uint64_t max_pixels, char *error, size_t error_size) {
  uint64_t pixels = (uint64_t)info->width * info->height;
  if (info->width == 0 || info->height == 0) {
    copy_message(error, error_size, "image has a zero width or height");
    return 1;
  }
  if (pixels > max_pixels) {
    snprintf(error, error_size, "image is %ux%u = %llu pixels, more than the limit of %llu",
             info->width, info->height, (unsigned long long)pixels, (unsigned long long)max_pixels);
    return 1;
  }
  return 0;
}

// MARK: - Either format

/// One format's decode steps, so that the setjmp guard, the header-only probe and the pixel
/// limit are written once (`codec_read`) for PNG and JPEG. `start` and `rows` report
/// failures by longjmp to `jump(d)`, with the library's text in `message(d)`.
typedef struct {
  void *(*state)(void);  // the calling thread's decoder
  const char *corrupt;   // the message when the library gave none
  int (*open)(void *d, const unsigned char *data, size_t size, char *error, size_t error_size);
  jmp_buf *(*jump)(void *d);
  const char *(*message)(void *d);
  void (*start)(void *d, const unsigned char *data, size_t size, sslq_image_info *info);
  void (*rows)(void *d, sslq_image_info *info, sslq_row_sink sink, void *context);
  void (*free)(void *d);
} codec;

// Reads the header into `info`; with a `sink`, then decodes every row (at most `max_pixels`)
// and hands it to `sink`. The decoder is thread-local rather than automatic: fields set
// between setjmp and a longjmp keep their values (automatic variables would need `volatile`).
static int codec_read(const codec *c, const unsigned char *data, size_t size, sslq_image_info *info,
                      uint64_t max_pixels, sslq_row_sink sink, void *context, char *error, size_t error_size) {
  void *d = c->state();
  if (c->open(d, data, size, error, error_size)) return 1;
  if (setjmp(*c->jump(d))) {
    c->free(d);
    const char *message = c->message(d);
    copy_message(error, error_size, message[0] ? message : c->corrupt);
    return 1;
  }
  c->start(d, data, size, info);
  if (sink != NULL) {
    if (too_large(info, max_pixels, error, error_size)) {
      c->free(d);
      return 1;
    }
    c->rows(d, info, sink, context);
  }
  c->free(d);
  return 0;
}

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

/// One PNG decode: the libpng state and what must be freed if it longjmps.
typedef struct {
  png_source source;
  png_structp png;
  png_infop info;
  unsigned char *raw;
  uint16_t *row;
  int passes;
} png_decoder;

static void png_decoder_free(png_decoder *d) {
  free(d->raw);
  free(d->row);
  png_destroy_read_struct(&d->png, d->info ? &d->info : NULL, NULL);
}

// Sets up transformations and reads the header; `info` receives the output geometry.
static void png_start(png_decoder *d, sslq_image_info *info) {
  png_set_read_fn(d->png, &d->source, png_read_memory);
  png_set_sig_bytes(d->png, 8);
  png_read_info(d->png, d->info);
  int color_type = png_get_color_type(d->png, d->info);
  int bit_depth = png_get_bit_depth(d->png, d->info);
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(d->png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(d->png);
  if (png_get_valid(d->png, d->info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(d->png);
  if (bit_depth == 16) png_set_swap(d->png);  // host (little-endian) order
  d->passes = png_set_interlace_handling(d->png);
  png_read_update_info(d->png, d->info);
  info->width = png_get_image_width(d->png, d->info);
  info->height = png_get_image_height(d->png, d->info);
  info->channels = (uint32_t)png_get_channels(d->png, d->info);
  info->max_value = png_get_bit_depth(d->png, d->info) == 16 ? 65535 : 255;
}

static int png_open(png_decoder *d, const unsigned char *data, size_t size, char *error, size_t error_size) {
  memset(d, 0, sizeof *d);
  if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
    copy_message(error, error_size, "not a PNG file (bad signature)");
    return 1;
  }
  d->source.data = data;
  d->source.size = size;
  d->source.offset = 8;
  d->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &d->source, png_fail, png_ignore_warning);
  if (d->png == NULL) {
    copy_message(error, error_size, "libpng could not start");
    return 1;
  }
  d->info = png_create_info_struct(d->png);
  if (d->info == NULL) {
    png_decoder_free(d);
    copy_message(error, error_size, "libpng could not start");
    return 1;
  }
  return 0;
}

// Decodes every row after `png_start` and hands it to `sink`; longjmps on failure.
static void png_rows(png_decoder *d, sslq_image_info *info, sslq_row_sink sink, void *context) {
  size_t row_bytes = png_get_rowbytes(d->png, d->info);
  size_t row_samples = (size_t)info->width * info->channels;
  int interlaced = d->passes > 1;
  d->raw = malloc(interlaced ? row_bytes * info->height : row_bytes);
  d->row = malloc(row_samples * sizeof(uint16_t));
  if (d->raw == NULL || d->row == NULL) png_error(d->png, "out of memory");
  if (interlaced) {
    // Adam7 needs the whole image: read every pass into one buffer, then hand out rows.
    for (int pass = 0; pass < d->passes; pass++) {
      for (png_uint_32 y = 0; y < info->height; y++) png_read_row(d->png, d->raw + (size_t)y * row_bytes, NULL);
    }
  }
  for (png_uint_32 y = 0; y < info->height; y++) {
    unsigned char *raw = interlaced ? d->raw + (size_t)y * row_bytes : d->raw;
    if (!interlaced) png_read_row(d->png, raw, NULL);
    if (info->max_value == 65535) {
      memcpy(d->row, raw, row_samples * sizeof(uint16_t));
    } else {
      for (size_t k = 0; k < row_samples; k++) d->row[k] = raw[k];
    }
    sink(context, d->row, info);
  }
  png_read_end(d->png, NULL);
}

static int png_codec_open(void *d, const unsigned char *data, size_t size, char *error, size_t error_size) {
  return png_open(d, data, size, error, error_size);
}
static jmp_buf *png_codec_jump(void *d) { return &((png_decoder *)d)->source.jump; }
static const char *png_codec_message(void *d) { return ((png_decoder *)d)->source.message; }
static void png_codec_start(void *d, const unsigned char *data, size_t size, sslq_image_info *info) {
  (void)data;
  (void)size;
  png_start(d, info);
}
static void png_codec_rows(void *d, sslq_image_info *info, sslq_row_sink sink, void *context) { png_rows(d, info, sink, context); }
static void png_codec_free(void *d) { png_decoder_free(d); }

static void *png_codec_state(void) {
  static __thread png_decoder d;
  return &d;
}

static const codec png_codec = {png_codec_state, "corrupt PNG", png_codec_open, png_codec_jump, png_codec_message,
                                png_codec_start, png_codec_rows, png_codec_free};

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

/// One JPEG decode: libjpeg state and the row buffers to free if it longjmps.
typedef struct {
  struct jpeg_decompress_struct cinfo;
  jpeg_failure failure;
  unsigned char *line;
  uint16_t *row;
} jpeg_decoder;

static void jpeg_decoder_free(jpeg_decoder *d) {
  free(d->line);
  free(d->row);
  d->line = NULL;
  d->row = NULL;
  jpeg_destroy_decompress(&d->cinfo);
}

static int jpeg_check_signature(const unsigned char *data, size_t size, char *error, size_t error_size) {
  if (size < 3 || data[0] != 0xFF || data[1] != 0xD8) {
    copy_message(error, error_size, "not a JPEG file (bad signature)");
    return 1;
  }
  return 0;
}

// Reads the header and chooses gray or RGB output; longjmps on failure.
static void jpeg_start(jpeg_decoder *d, const unsigned char *data, size_t size, sslq_image_info *info) {
  jpeg_create_decompress(&d->cinfo);
  jpeg_mem_src(&d->cinfo, data, (unsigned long)size);
  jpeg_read_header(&d->cinfo, TRUE);
  if (d->cinfo.num_components == 1) {
    d->cinfo.out_color_space = JCS_GRAYSCALE;
  } else if (d->cinfo.num_components == 3) {
    d->cinfo.out_color_space = JCS_RGB;
  } else {
    snprintf(d->failure.message, sizeof d->failure.message, "unsupported JPEG with %d colour components",
             d->cinfo.num_components);
    longjmp(d->failure.jump, 1);
  }
  info->width = d->cinfo.image_width;
  info->height = d->cinfo.image_height;
  info->channels = (uint32_t)d->cinfo.num_components;
  info->max_value = 255;
}

static void jpeg_setup(jpeg_decoder *d) {
  memset(d, 0, sizeof *d);
  d->cinfo.err = jpeg_std_error(&d->failure.base);
  d->failure.base.error_exit = jpeg_fail;
  d->failure.base.emit_message = jpeg_strict;
}

// Decodes every row after `jpeg_start` (output geometry into `info`) and hands it to `sink`;
// longjmps on failure.
static void jpeg_rows(jpeg_decoder *d, sslq_image_info *info, sslq_row_sink sink, void *context) {
  jpeg_start_decompress(&d->cinfo);
  info->width = d->cinfo.output_width;
  info->height = d->cinfo.output_height;
  info->channels = (uint32_t)d->cinfo.output_components;
  size_t row_samples = (size_t)info->width * info->channels;
  d->line = malloc(row_samples);
  d->row = malloc(row_samples * sizeof(uint16_t));
  if (d->line == NULL || d->row == NULL) {
    snprintf(d->failure.message, sizeof d->failure.message, "out of memory");
    longjmp(d->failure.jump, 1);
  }
  while (d->cinfo.output_scanline < info->height) {
    JSAMPROW line = d->line;
    if (jpeg_read_scanlines(&d->cinfo, &line, 1) != 1) {
      snprintf(d->failure.message, sizeof d->failure.message, "file is truncated");
      longjmp(d->failure.jump, 1);
    }
    for (size_t k = 0; k < row_samples; k++) d->row[k] = d->line[k];
    sink(context, d->row, info);
  }
  jpeg_finish_decompress(&d->cinfo);
}

static int jpeg_codec_open(void *d, const unsigned char *data, size_t size, char *error, size_t error_size) {
  if (jpeg_check_signature(data, size, error, error_size)) return 1;
  jpeg_setup(d);
  return 0;
}
static jmp_buf *jpeg_codec_jump(void *d) { return &((jpeg_decoder *)d)->failure.jump; }
static const char *jpeg_codec_message(void *d) { return ((jpeg_decoder *)d)->failure.message; }
static void jpeg_codec_start(void *d, const unsigned char *data, size_t size, sslq_image_info *info) {
  jpeg_start(d, data, size, info);
}
static void jpeg_codec_rows(void *d, sslq_image_info *info, sslq_row_sink sink, void *context) { jpeg_rows(d, info, sink, context); }
static void jpeg_codec_free(void *d) { jpeg_decoder_free(d); }

static void *jpeg_codec_state(void) {
  static __thread jpeg_decoder d;
  return &d;
}

static const codec jpeg_codec = {jpeg_codec_state, "corrupt JPEG", jpeg_codec_open, jpeg_codec_jump, jpeg_codec_message,
                                 jpeg_codec_start, jpeg_codec_rows, jpeg_codec_free};

// MARK: - Entry points

static const codec *codec_of(sslq_image_format format, char *error, size_t error_size) {
  switch (format) {
    case SSLQ_PNG: return &png_codec;
    case SSLQ_JPEG: return &jpeg_codec;
  }
  copy_message(error, error_size, "unknown image format");
  return NULL;
}

int sslq_image_probe(sslq_image_format format, const unsigned char *data, size_t size, sslq_image_info *info,
                     char *error, size_t error_size) {
  const codec *c = codec_of(format, error, error_size);
  return c == NULL || codec_read(c, data, size, info, 0, NULL, NULL, error, error_size);
}

int sslq_image_decode_rows(sslq_image_format format, const unsigned char *data, size_t size, uint64_t max_pixels,
                           sslq_row_sink sink, void *context, char *error, size_t error_size) {
  const codec *c = codec_of(format, error, error_size);
  sslq_image_info info;
  return c == NULL || codec_read(c, data, size, &info, max_pixels, sink, context, error, error_size);
}
