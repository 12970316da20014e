import CCairo
import Foundation

/// A picture could not be drawn or encoded.
public struct PictureDrawingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Cairo's explanation, e.g. `out of memory` or `invalid value (typically too big) for the size of the input (surface, pattern, etc.)`.
    public var reason: String

    /// Creates an error.
    public init(reason: String) {
        self.reason = reason
    }

    /// A one-line explanation, safe to log.
    public var description: String { "drawing the picture failed: \(reason)" }
}

/// One Cairo image surface and its drawing context, owned by a single function call and destroyed
/// with the value: nothing Cairo touches is shared between calls or threads, so drawing needs no
/// locks and no `Sendable` exceptions.
///
/// Coordinates are in points; `scale` turns them into pixels (2 for a sharper picture on dense
/// screens). Text uses Cairo's toy text API with DejaVu Sans (Debian: fonts-dejavu-core); fontconfig
/// substitutes a similar face when it is missing, so a bare host draws too, only less prettily.
struct CairoCanvas: ~Copyable {
    /// The family every label is set in.
    static let fontFamily = "DejaVu Sans"

    private let surface: OpaquePointer
    private let context: OpaquePointer

    /// Creates a white canvas. A size Cairo cannot allocate yields a canvas in an error state,
    /// on which drawing does nothing and ``png()`` throws.
    init(width: Double, height: Double, scale: Double = 1) {
        let pixelWidth = Int32(clamping: Int((width * scale).rounded(.up)))
        let pixelHeight = Int32(clamping: Int((height * scale).rounded(.up)))
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, max(1, pixelWidth), max(1, pixelHeight))
        context = cairo_create(surface)
        cairo_scale(context, scale, scale)
        fill(x: 0, y: 0, width: width, height: height, color: .white)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: Shapes

    /// Fills a rectangle.
    func fill(x: Double, y: Double, width: Double, height: Double, color: RGB) {
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    /// Fills a rectangle with rounded corners.
    func fillRounded(x: Double, y: Double, width: Double, height: Double, radius: Double, color: RGB) {
        let r = min(radius, width / 2, height / 2)
        cairo_new_sub_path(context)
        cairo_arc(context, x + width - r, y + r, r, -.pi / 2, 0)
        cairo_arc(context, x + width - r, y + height - r, r, 0, .pi / 2)
        cairo_arc(context, x + r, y + height - r, r, .pi / 2, .pi)
        cairo_arc(context, x + r, y + r, r, .pi, 3 * .pi / 2)
        cairo_close_path(context)
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
        cairo_fill(context)
    }

    /// Strokes a one-point line.
    func line(from start: (x: Double, y: Double), to end: (x: Double, y: Double), color: RGB) {
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
        cairo_set_line_width(context, 1)
        cairo_move_to(context, start.x, start.y)
        cairo_line_to(context, end.x, end.y)
        cairo_stroke(context)
    }

    // MARK: Text

    /// Chooses the font for the following measurements and text.
    func setFont(size: Double, bold: Bool = false) {
        cairo_select_font_face(context, Self.fontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    /// How far `text` advances in the current font.
    func width(of text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    /// The current font's ascent and descent, for centring text on a line.
    func fontMetrics() -> (ascent: Double, descent: Double) {
        var extents = cairo_font_extents_t()
        cairo_font_extents(context, &extents)
        return (extents.ascent, extents.descent)
    }

    /// `text` if it fits in `maxWidth`, otherwise its longest prefix (whole characters, so emoji
    /// and accents are never split) that fits with an ellipsis after it.
    func fit(_ text: String, in maxWidth: Double) -> String {
        guard width(of: text) > maxWidth else { return text }
        let characters = Array(text)
        var low = 0
        var high = characters.count
        // Binary search on the prefix length: widths grow with the prefix.
        while low < high {
            let middle = (low + high + 1) / 2
            if width(of: String(characters[..<middle]) + "…") <= maxWidth { low = middle } else { high = middle - 1 }
        }
        return String(characters[..<low]).trimmingTrailingSpaces() + "…"
    }

    /// Draws `text` with its baseline at `y`, starting at `x` (or ending there when `alignRight`,
    /// or centred on it when `centred`).
    func text(_ text: String, x: Double, baseline y: Double, color: RGB, alignment: Alignment = .left) {
        let offset: Double = switch alignment {
        case .left: 0
        case .centre: width(of: text) / 2
        case .right: width(of: text)
        }
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
        cairo_move_to(context, x - offset, y)
        cairo_show_text(context, text)
    }

    /// Draws `text` turned `angle` radians (negative: rising to the right) about its start at (x, y).
    func rotatedText(_ text: String, x: Double, y: Double, angle: Double, color: RGB) {
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_rotate(context, angle)
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
        cairo_move_to(context, 0, 0)
        cairo_show_text(context, text)
        cairo_restore(context)
    }

    /// Where a line of text sits relative to its anchor.
    enum Alignment {
        case left, centre, right
    }

    // MARK: Output

    /// The picture as PNG bytes, written in memory.
    func png() throws(PictureDrawingError) -> [UInt8] {
        try check(cairo_status(context))
        cairo_surface_flush(surface)
        try check(cairo_surface_status(surface))
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        try check(status)
        return withExtendedLifetime(sink) { sink.bytes }
    }

    private func check(_ status: cairo_status_t) throws(PictureDrawingError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw PictureDrawingError(reason: String(cString: cairo_status_to_string(status)))
    }
}

/// Collects the PNG stream's chunks; lives only inside ``CairoCanvas/png()``.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// A colour with components from 0 to 1.
struct RGB: Sendable, Hashable {
    var red: Double
    var green: Double
    var blue: Double

    /// A colour from `0xRRGGBB`.
    init(_ hex: UInt32) {
        red = Double((hex >> 16) & 0xFF) / 255
        green = Double((hex >> 8) & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
    }

    static let white = RGB(0xFFFFFF)

    /// Relative luminance (WCAG), to choose dark or light text on a fill.
    var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        String(reversed().drop { $0 == " " }.reversed())
    }
}
