/// How much a catalog file may make the reader do. Catalog files are untrusted, so each limit stops
/// a way of exhausting the process: memory (file size, alias expansion), the stack (nesting) or
/// time (include chains), while staying far above what real descriptors need.
enum PlaceholderLimits {
    /// The most bytes one `$text`/`$json`/`$yaml` placeholder may read (1 MiB): an OpenAPI document
    /// is rarely a tenth of that.
    static let maxFileSize = 1 << 20

    /// How many `$yaml` files may include one another below a descriptor.
    static let maxIncludeDepth = 8

    /// How many maps and lists one document may nest, counting into included files. Conversion and
    /// every later walk of the value recurse once per level; libyaml's own limit (1000 per file)
    /// does not bound a chain of included files or a `$json` file.
    static let maxNesting = 100

    /// How many values one converted document may hold, counting into included files. YAML aliases
    /// are expanded on conversion, so a few lines can otherwise stand for billions of values.
    static let maxValues = 1_000_000
}
