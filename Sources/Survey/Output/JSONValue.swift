import Foundation

/// A JSON value made of typed parts, for the survey's JSON file and the data the web form's script reads.
///
/// It is written exactly as Foundation's `JSONSerialization` writes a dictionary of the same values with
/// `.sortedKeys` and `.withoutEscapingSlashes` (and `.prettyPrinted` when asked): the same key order, spacing,
/// escapes and numbers, so files made before and after read the same. Writing it takes no casts from `Any`, which
/// was most of the time a large survey took to build.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value as text: on one line, or indented by two spaces a level with `pretty`.
    public func written(pretty: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(into: &bytes, pretty: pretty, level: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func write(into bytes: inout [UInt8], pretty: Bool, level: Int) {
        switch self {
        case .string(let text): Self.writeString(text, into: &bytes)
        case .int(let number): bytes += Array(String(number).utf8)
        case .double(let number): bytes += Array(Self.text(of: number).utf8)
        case .bool(let flag): bytes += Array((flag ? "true" : "false").utf8)
        case .null: bytes += Array("null".utf8)
        case .array(let items):
            Self.writeContainer(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), count: items.count, into: &bytes,
                                pretty: pretty, level: level) { index, bytes in
                items[index].write(into: &bytes, pretty: pretty, level: level + 1)
            }
        case .object(let members):
            let keys = members.keys.sorted(by: Self.keyOrder)
            Self.writeContainer(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: keys.count, into: &bytes,
                                pretty: pretty, level: level) { index, bytes in
                Self.writeString(keys[index], into: &bytes)
                bytes += pretty ? Array(" : ".utf8) : [UInt8(ascii: ":")]
                members[keys[index]]!.write(into: &bytes, pretty: pretty, level: level + 1)
            }
        }
    }

    /// `[`, the items apart by commas (each on its own line, indented, when pretty), `]`. An empty container
    /// pretty-printed keeps its blank line, `[\n\n]`, as JSONSerialization writes it.
    private static func writeContainer(open: UInt8, close: UInt8, count: Int, into bytes: inout [UInt8], pretty: Bool,
                                       level: Int, item: (Int, inout [UInt8]) -> Void) {
        bytes.append(open)
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        for index in 0..<count {
            if index > 0 { bytes += pretty ? Array(",\n".utf8) : [UInt8(ascii: ",")] }
            if pretty { bytes += repeatElement(UInt8(ascii: " "), count: 2 * (level + 1)) }
            item(index, &bytes)
        }
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            bytes += repeatElement(UInt8(ascii: " "), count: 2 * level)
        }
        bytes.append(close)
    }

    /// JSONSerialization's order of keys: digits as numbers ("q9" before "q10"), letters without regard to
    /// case, and a tie broken by case ("q1" before "Q1").
    static func keyOrder(_ left: String, _ right: String) -> Bool {
        // Most keys are lower-case words joined by underscores, which that order sorts as their bytes do.
        if let order = plainOrder(left, right) { return order }
        return left.compare(right, options: [.numeric, .caseInsensitive, .forcedOrdering], range: left.startIndex..<left.endIndex,
                     locale: NSLocale.system) == .orderedAscending
    }

    /// The order of two keys made only of `a`–`z` and `_`, by their bytes; nil for any other keys.
    private static func plainOrder(_ left: String, _ right: String) -> Bool? {
        func isPlain(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") }
        guard left.utf8.allSatisfy(isPlain), right.utf8.allSatisfy(isPlain) else { return nil }
        return left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// A quoted string: quote marks, backslashes and control characters escaped, everything else (slashes and
    /// letters outside ASCII too) as it is.
    private static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A number as JSONSerialization writes it: a whole one below 10^15 as an integer, any other through
    /// JSONSerialization itself (`1e-07`, `2.5`, `1e+16`), since its shortest digits and exponents are its own.
    static func text(of number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15, !(number == 0 && number.sign == .minus) {
            return String(Int(number))
        }
        guard let data = try? JSONSerialization.data(withJSONObject: number, options: [.fragmentsAllowed]) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
    }

    /// A list of strings.
    public init(_ strings: [String]) { self = .array(strings.map(JSONValue.string)) }

    /// An object of strings.
    public init(_ strings: [String: String]) { self = .object(strings.mapValues(JSONValue.string)) }

    /// The text, or null.
    public init(_ text: String?) { self = text.map(JSONValue.string) ?? .null }
}
