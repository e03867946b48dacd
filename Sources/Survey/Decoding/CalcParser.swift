/// Reads the arithmetic of `calculate:` in one pass over the text: numbers, ids, + - * /, brackets,
/// `count(section)` and `sum(question)`. A mistake comes back with the 1-based column where it is.
struct CalcParser {
    struct Failure: Error, Equatable {
        var message: String
        var column: Int
    }

    private let characters: [Character]
    private var position = 0
    /// Brackets and minus signs nest; a limit keeps a hostile file from exhausting the stack.
    private var depth = 0
    static let maxDepth = 50

    init(_ text: String) { characters = Array(text) }

    static func parse(_ text: String) -> Result<CalcExpression, Failure> {
        var parser = CalcParser(text)
        do {
            parser.skipSpaces()
            guard !parser.atEnd else { throw Failure(message: "the calculation is empty", column: 1) }
            let expression = try parser.sum()
            parser.skipSpaces()
            if !parser.atEnd {
                throw Failure(message: "unexpected '\(parser.characters[parser.position])'; use + - * / and brackets between values",
                              column: parser.position + 1)
            }
            return .success(expression)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "the calculation cannot be read", column: 1))
        }
    }

    private var atEnd: Bool { position >= characters.count }

    private mutating func skipSpaces() {
        while !atEnd, characters[position] == " " || characters[position] == "\t" { position += 1 }
    }

    private mutating func sum() throws -> CalcExpression {
        try level(["+", "-"]) { try $0.product() }
    }

    private mutating func product() throws -> CalcExpression {
        try level(["*", "/"]) { try $0.unary() }
    }

    /// Operands joined by the operators of one precedence level, read left to right.
    private mutating func level(_ operators: Set<Character>, _ operand: (inout CalcParser) throws -> CalcExpression) throws -> CalcExpression {
        var left = try operand(&self)
        while true {
            skipSpaces()
            guard !atEnd, operators.contains(characters[position]) else { return left }
            let op = characters[position]
            position += 1
            left = .binary(op, left, try operand(&self))
        }
    }

    private mutating func unary() throws -> CalcExpression {
        skipSpaces()
        guard !atEnd else { throw Failure(message: "a value is missing at the end", column: position + 1) }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw Failure(message: "the calculation nests more than \(Self.maxDepth) deep", column: position + 1)
        }
        if characters[position] == "-" {
            position += 1
            return .negate(try unary())
        }
        return try atom()
    }

    private mutating func atom() throws -> CalcExpression {
        let start = position
        let character = characters[position]
        if character == "(" {
            position += 1
            let inner = try sum()
            skipSpaces()
            guard !atEnd, characters[position] == ")" else {
                throw Failure(message: "the bracket opened here is never closed", column: start + 1)
            }
            position += 1
            return inner
        }
        if character.isASCII, character.isNumber {
            while !atEnd, characters[position].isASCII, characters[position].isNumber || characters[position] == "." { position += 1 }
            let text = String(characters[start..<position])
            guard Double(text) != nil else { throw Failure(message: "'\(text)' is not a number", column: start + 1) }
            return .number(text)
        }
        if character.isASCII, character.isLetter {
            while !atEnd, characters[position].isASCII, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
                position += 1
            }
            let name = String(characters[start..<position])
            skipSpaces()
            guard !atEnd, characters[position] == "(" else { return .reference(name, column: start + 1) }
            guard name == "count" || name == "sum" else {
                throw Failure(message: "'\(name)' is not a function a calculation can use; use count(section) or sum(question)",
                              column: start + 1)
            }
            position += 1
            skipSpaces()
            let argumentStart = position
            while !atEnd, characters[position].isASCII, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
                position += 1
            }
            let argument = String(characters[argumentStart..<position])
            skipSpaces()
            guard !argument.isEmpty, !atEnd, characters[position] == ")" else {
                throw Failure(message: "write \(name)( with one id and a closing bracket, such as \(name == "count" ? "count(people)" : "sum(age)")",
                              column: start + 1)
            }
            position += 1
            return name == "count" ? .count(argument, column: argumentStart + 1) : .sum(argument, column: argumentStart + 1)
        }
        throw Failure(message: "unexpected '\(character)'; a calculation uses numbers, question ids, + - * / and brackets",
                      column: start + 1)
    }
}
