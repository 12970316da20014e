// The Cairo 2D graphics library (Debian: libcairo2-dev), used to draw the heat map PNG.
// Only the image-surface, PNG-stream and toy-text parts are used; no X11 or other backends.
#ifndef BACKLINE_CCAIRO_SHIM_H
#define BACKLINE_CCAIRO_SHIM_H
#include <cairo.h>
#endif
