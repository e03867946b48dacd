import Testing
@testable import Results

@Suite("RFC 4180 reader")
struct CSVReaderTests {
    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() {
        let text = "a,b,c\r\n1,\"two, \"\"2\"\"\",\"three\nlines\"\r\n4,5,6\r\n"
        let (table, problems) = CSVReader.read(Array(text.utf8), path: "x.csv")
        #expect(problems.isEmpty)
        #expect(table.header == ["a", "b", "c"])
        #expect(table.records == [["1", "two, \"2\"", "three\nlines"], ["4", "5", "6"]])
        // The second record starts on line 4, after the line break inside the quoted field.
        #expect(table.lines == [2, 4])
    }

    @Test func byteOrderMarkSemicolonsAndNoFinalLineBreak() {
        let text = "\u{FEFF}a;b\n1;2"
        let (table, problems) = CSVReader.read(Array(text.utf8), path: "x.csv")
        #expect(problems.isEmpty)
        #expect(table.header == ["a", "b"])
        #expect(table.records == [["1", "2"]])
    }

    @Test func unterminatedQuoteIsLocatedAndReadingCarriesOn() {
        let (table, problems) = CSVReader.read(Array("a,b\n1,\"open\n2,3\n".utf8), path: "x.csv")
        #expect(places(problems) == ["2:2 R002"])
        #expect(table.records.count == 1)
    }

    @Test func binaryAndEmptyFilesAreErrorsNotCrashes() {
        #expect(places(CSVReader.read([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], path: "x.csv").1) == ["1:1 R001"])
        #expect(places(CSVReader.read([], path: "x.csv").1) == ["1:1 R001"])
        #expect(places(CSVReader.read(Array("\n\n".utf8), path: "x.csv").1) == ["1:1 R001"])
    }

    @Test func randomBytesNeverCrashOrHang() {
        var generator = SeededGenerator(state: 7)
        for _ in 0..<200 {
            let count = Int.random(in: 0..<400, using: &generator)
            let alphabet: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D, UInt8(ascii: "a"), 0xFF]
            var bytes: [UInt8] = []
            for _ in 0..<count { bytes.append(alphabet.randomElement(using: &generator) ?? 0) }
            let (table, _) = CSVReader.read(bytes, path: "x.csv")
            let (_, _) = ResponseReader.read(table, index: VariableIndex(Fixtures.park))
            #expect(table.records.count == table.lines.count)
        }
    }
}
