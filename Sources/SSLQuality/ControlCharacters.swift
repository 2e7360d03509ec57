// ssl-quality · ControlCharacters.swift — control characters made visible, for terminals, messages and XML.

/// Text from files and flags (ids, paths, names) made safe to show: every control
/// character — C0 (U+0000–U+001F: NUL, ESC, line breaks…), DEL (U+007F) and C1
/// (U+0080–U+009F) — is written as `\u{XX}`, so a hostile id cannot send escape sequences
/// to a terminal, break a one-line message, or put a character XML 1.0 forbids (§2.2:
/// only tab, LF and CR of C0 are allowed) into an SVG.
public enum ControlCharacters {
  /// `text` with every control character except those in `kept` written as `\u{XX}`
  /// (hexadecimal, upper case: ESC is `\u{1B}`).
  public static func escaped(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
    guard text.unicodeScalars.contains(where: { isControl($0) && !kept.contains($0) }) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isControl(scalar) && !kept.contains(scalar) {
        out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// Whether `scalar` is a C0 or C1 control character or DEL.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
