/// Classes of ASCII bytes, for the code that reads UTF-8 bytes without making strings (names,
/// YAML keys, JSON numbers, HTTP header names). No byte of a non-ASCII character is in either.
extension UInt8 {
    package var isASCIILetter: Bool { self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "z") }
    package var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
