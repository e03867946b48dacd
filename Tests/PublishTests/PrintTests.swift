import Foundation
import Diagnostics
import Testing
import Toolkit
import ZIPFoundation
@testable import Publish

@Suite struct PrintLinkTests {
    let titles = ["ethics/consent-form/index.html": "Consent form"]

    @Test func webLinksGetTheirShortAddressInPrint() {
        let html = "<p>See <a href=\"https://www.ons.gov.uk/census/index.html\">the Census</a>.</p>"
        #expect(PrintLinks.forPrint(html, from: "packs/x.html", titleOf: { titles[$0] })
            == "<p>See <a href=\"https://www.ons.gov.uk/census/index.html\">the Census</a> <span class=\"print-url\">(ons.gov.uk/census)</span>.</p>")
    }

    @Test func linksIntoTheSiteWithoutABaseURLSayWhereToLookAndLinkNowhere() {
        let html = "<p>Use the <a href=\"../ethics/consent-form/index.html#signatures\">form</a> and <a href=\"../nowhere/index.html\">this</a>.</p>"
        let printed = PrintLinks.forPrint(html, from: "packs/x.html", titleOf: { titles[$0] })
        #expect(printed == "<p>Use the form <span class=\"print-url\">(see \u{2018}Consent form\u{2019} on the website)</span> and this <span class=\"print-url\">(on the website)</span>.</p>")
        #expect(!printed.contains("href=\"../"))
    }

    @Test func linksWithinThePackAndToEmailStay() {
        let html = "<p><a href=\"#pack-item-2\">Consent form</a>, <a href=\"mailto:a@b.org\">a@b.org</a></p>"
        #expect(PrintLinks.forPrint(html, from: "packs/x.html", titleOf: { _ in nil }) == html)
    }
}

@Suite struct PDFMakerTests {
    @Test func readsWeasyPrintsVersion() {
        #expect(PDFMaker.Version.parse("WeasyPrint version 70.0\n") == PDFMaker.Version(major: 70, minor: 0))
        #expect(PDFMaker.Version.parse("WeasyPrint version 57.2") == PDFMaker.Version(major: 57, minor: 2))
        #expect(PDFMaker.Version.parse("usage: weasyprint") == nil)
    }

    @Test func refusesAnEngineTooOldForThePackStyles() throws {
        guard case .failure(let missing) = PDFMaker.check(executable: "/usr/bin/weasyprint", versionOutput: "WeasyPrint version 57.2") else {
            Issue.record("WeasyPrint 57 was accepted")
            return
        }
        #expect(missing.reason.contains("WeasyPrint 57.2 at '/usr/bin/weasyprint' is too old"))
        #expect(missing.reason.contains("needs 66.0 or newer"))
        let maker = try PDFMaker.check(executable: "/x/weasyprint", versionOutput: "WeasyPrint version 70.0").get()
        #expect(maker.version.major == 70)
    }

    @Test func anEngineThatWillNotSayItsVersionIsRefused() {
        guard case .failure(let missing) = PDFMaker.check(executable: "/x/weasyprint", versionOutput: nil) else {
            Issue.record("accepted without a version")
            return
        }
        #expect(missing.reason.contains("did not say which WeasyPrint it is"))
    }

    @Test func findsTheProjectsOwnInstallBeforeThePath() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("doorstep-pdf-\(UUID().uuidString)")
        let bin = root.appendingPathComponent(".venv-print/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("weasyprint")
        try Data("#!/bin/sh\necho 'WeasyPrint version 70.0'\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let found = try PDFMaker.find(root: root, environment: ["PATH": "/nonexistent"]).get()
        #expect(found.executable == script.path)
        guard case .failure(let missing) = PDFMaker.find(root: root, environment: ["DOORSTEP_WEASYPRINT": "/no/such/program"]) else {
            Issue.record("a missing DOORSTEP_WEASYPRINT was accepted")
            return
        }
        #expect(missing.reason.contains("DOORSTEP_WEASYPRINT names '/no/such/program'"))
    }

    @Test func asksForATaggedPDF() {
        let maker = PDFMaker(executable: "weasyprint", version: .init(major: 70, minor: 0))
        let arguments = maker.arguments(html: URL(fileURLWithPath: "/a.html"), pdf: URL(fileURLWithPath: "/a.pdf"))
        #expect(arguments.contains("pdf/ua-1"))
        #expect(!arguments.contains("--quiet"))
    }

    @Test func keepsEveryWarningFromTheLog() {
        let log = "WARNING: Ignored `gap: 1em` at 3:1, unknown property.\nWARNING: Invalid media type\n  continued here\n"
        #expect(PDFMaker.logMessages(log) == ["Ignored `gap: 1em` at 3:1, unknown property.", "Invalid media type continued here"])
        #expect(PDFMaker.logMessages("\n").isEmpty)
    }

    @Test func countsPagesInsideCompressedObjectStreams() throws {
        let objects = Data("1 0 << /Type /Page /Parent 3 0 R >> << /Type /Page >> << /Type /Pages /Count 2 >>".utf8)
        var deflated = Data([0x78, 0x9C])
        _ = try Data.compress(size: Int64(objects.count), bufferSize: 1024, provider: { position, size in
            objects.subdata(in: Int(position)..<min(objects.count, Int(position) + size))
        }, consumer: { deflated.append($0) })
        var pdf = Data("%PDF-1.7\n4 0 obj\n<< /Type /ObjStm /N 3 /Filter /FlateDecode >>\nstream\n".utf8)
        pdf.append(deflated)
        pdf.append(Data("\nendstream\nendobj\n".utf8))
        #expect(PDFMaker.pageCount(pdf) == 2)
        #expect(PDFMaker.pageCount(Data("<< /Type /Pages /Count 2 >> << /Type /Page /Parent 1 0 R >> << /Type /Page >>".utf8)) == 2)
    }
}

@Suite struct PrintStylesheetTests {
    @Test func keepsWhatPaperNeedsAndDropsScreenRules() {
        let css = """
        /* theme */
        .a { color: red; overflow-x: auto; }
        @media (min-width: 60rem) { .b { display: grid; } }
        @media screen and (max-width: 40rem) { .c { display: block; } }
        @media print { .d { border: 0; } }
        @media screen { .e { padding: 1rem; } }
        @page { margin: 1cm; @top-center { content: "x"; } }
        """
        let printed = PrintStylesheet.make([(name: "t.css", css: css)])
        #expect(printed.contains(".a { color: red; }"))
        #expect(!printed.contains("overflow-x"))
        #expect(!printed.contains(".b {") && !printed.contains(".c {"))
        #expect(printed.contains(".d { border: 0; }"))
        #expect(printed.contains("@media screen {\n.e { padding: 1rem; }\n}"))
        #expect(printed.contains("@page { margin: 1cm; @top-center { content: \"x\"; } }"))
        #expect(!printed.contains("/* theme */"))
    }
}

@Suite struct GroupPlaceholderTests {
    @Test func detailsAreWrittenInAndMissingOnesLeaveABlank() {
        let group = GroupDetails(organisation: "Hillside Residents & Friends", phone: "0161 496 0000")
        let html = "<p>Run by {{group.organisation}}. Call {{group.phone}} or email {{group.email}}.</p>"
        #expect(GroupPlaceholders.fill(html, group: group)
            == "<p>Run by Hillside Residents &amp; Friends. Call 0161 496 0000 or email <span class=\"group-blank\" role=\"img\" aria-label=\"Email: to fill in\"></span>.</p>")
    }

    @Test func placeholdersShownAsCodeStayAsTheyAre() {
        let html = "<p>Write <code>{{group.phone}}</code> where the number goes: {{group.phone}}</p>"
        #expect(GroupPlaceholders.fill(html, group: GroupDetails(phone: "1")) == "<p>Write <code>{{group.phone}}</code> where the number goes: 1</p>")
    }
}

@Suite struct PrintOverrunTests {
    @Test func aPosterOnTwoSheetsOrALeafletOnThreeSidesIsWarnedAtItsFeedbackFile() {
        let source = SourceLocation(file: "results/park/feedback.yml", line: 1, column: 1)
        let documents = ResultsPages.feedbackDocuments("park", language: "en", source: source) + [ResultsPages.findingsDocument("park")]
        let counts = Dictionary(uniqueKeysWithValues: documents.map { ($0.pdfPath, 2) })
        let warnings = PrintStage.overruns(documents, pageCounts: counts)
        // The A4 and A3 posters run over; the leaflet may use both sides, and the findings run as long as they need.
        #expect(warnings.map(\.code) == ["R083", "R083"])
        #expect(warnings.map(\.location) == [source, source])
        #expect(warnings.first?.message.contains("poster-a4.pdf' prints on 2 sheets; it is meant to fit on one sheet of A4") == true)
        let leaflet = PrintStage.overruns(documents, pageCounts: counts.merging(["results/park/you-said-we-did/en/print/leaflet-a5.pdf": 3]) { $1 })
        #expect(leaflet.contains { $0.message.contains("leaflet-a5.pdf' prints on 3 sides") })
        #expect(PrintStage.overruns(documents, pageCounts: Dictionary(uniqueKeysWithValues: documents.map { ($0.pdfPath, 1) })).isEmpty)
    }
}
