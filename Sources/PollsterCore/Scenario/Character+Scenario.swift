extension Character {
    /// True for the digits 0-9 (not other Unicode digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
