import Foundation
import Testing
@testable import Survey

/// The survey's JSON and the web form's data are written by `JSONValue`; they must read exactly as
/// Foundation's JSONSerialization wrote them, byte for byte, so that nothing that reads them sees a change.
@Suite struct JSONValueTests {
    /// A small generator with a fixed seed, so a failure can be run again.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Keys and strings from an alphabet chosen to tell orders and escapes apart: cases, digits, punctuation
    /// that sorts out of byte order, letters outside ASCII, quote marks, slashes and control characters.
    static let alphabet: [String] = ["a", "b", "q", "z", "A", "Q", "_", "-", " ", "0", "1", "2", "9", "10", "é", "É", "ß", "中",
                                     "😀", "\"", "\\", "/", "\n", "\t", "\r", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "\u{2028}"]

    static func text(_ random: inout Random, plain: Bool) -> String {
        let letters = plain ? ["a", "b", "m", "z", "_"] : alphabet
        return (0..<random.next(6)).map { _ in letters[random.next(letters.count)] }.joined()
    }

    /// A value and the same value as JSONSerialization takes it.
    static func value(_ random: inout Random, depth: Int) -> (JSONValue, Any) {
        switch random.next(depth > 3 ? 5 : 7) {
        case 0:
            let text = text(&random, plain: false)
            return (.string(text), text)
        case 1:
            let number = random.next(2_000_001) - 1_000_000
            return (.int(number), number)
        case 2:
            let number = [0.5, -2.25, 1e-7, 3e-5, 1e15, 1e16, 123456789.125, 0.1, 100, -0.0, 7][random.next(11)]
            return (.double(number), number)
        case 3:
            let flag = random.next(2) == 0
            return (.bool(flag), flag)
        case 4:
            return (.null, NSNull())
        case 5:
            let items = (0..<random.next(4)).map { _ in value(&random, depth: depth + 1) }
            return (.array(items.map(\.0)), items.map(\.1))
        default:
            var typed: [String: JSONValue] = [:], plain: [String: Any] = [:]
            for _ in 0..<random.next(6) {
                let key = text(&random, plain: random.next(2) == 0)
                let (one, other) = value(&random, depth: depth + 1)
                typed[key] = one
                plain[key] = other
            }
            return (.object(typed), plain)
        }
    }

    @Test func everyValueIsWrittenAsJSONSerializationWritesIt() throws {
        var random = Random(state: 2026)
        for _ in 0..<2_000 {
            let (typed, plain) = Self.value(&random, depth: 0)
            let wrapped: [String: Any] = ["value": plain]
            for pretty in [false, true] {
                let options: JSONSerialization.WritingOptions = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
                let expected = String(decoding: try JSONSerialization.data(withJSONObject: wrapped, options: options), as: UTF8.self)
                let written = JSONValue.object(["value": typed]).written(pretty: pretty)
                #expect(written == expected)
                if written != expected { return }
            }
        }
    }

    @Test func keysAreInJSONSerializationsOrder() {
        let keys = ["q10", "q9", "Q1", "q1", "_x", "a", "A", "x-1", "x_1", "x1", "min", "min_length", "max_length", "prefer_not_to_say", "preference"]
        let written = JSONValue.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.int(1)) })).written()
        #expect(written == #"{"_x":1,"a":1,"A":1,"max_length":1,"min":1,"min_length":1,"prefer_not_to_say":1,"preference":1,"q1":1,"Q1":1,"q9":1,"q10":1,"x_1":1,"x-1":1,"x1":1}"#)
    }
}
