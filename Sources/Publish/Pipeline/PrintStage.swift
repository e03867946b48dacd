import Foundation
import Diagnostics
import Toolkit

/// The print stage, after render: PDFs of every pack, photocopy master and results print document, made from
/// the HTML already staged, then the packs page, which shows each PDF's number of pages.
enum PrintStage {
    /// Whether any output is printed: packs, photocopy masters or results print documents. Without one, no
    /// page depends on the PDF engine, so it is not looked for, and `--require-pdf` asks for nothing.
    static func needsPDFs(_ site: Site, printDocuments: [ResultsPages.PrintDocument]) -> Bool {
        !site.packs.isEmpty || !PrintMaster.all(in: site).isEmpty || !printDocuments.isEmpty
    }

    /// The PDFs (with a maker) and the packs page, into the staging folder. False when the build must stop:
    /// a PDF could not be made, or WeasyPrint warned under `--strict`.
    static func run(site: Site, theme: Theme, printDocuments: [ResultsPages.PrintDocument], maker: PDFMaker?,
                    strict: Bool, writer: inout OutputWriter, report: inout Pipeline.BuildReport) throws(OutputWriter.Failure) -> Bool {
        var pageCounts: [String: Int] = [:]
        if let maker {
            pageCounts = makePDFs(site: site, results: printDocuments, writer: writer, maker: maker, report: &report)
            report.diagnostics += overruns(printDocuments, pageCounts: pageCounts)
            writer.record(Array(pageCounts.keys))
            try writer.stage([RenderedFile(path: PDFMaker.engineFile, text: maker.identity)])
            // WeasyPrint's warnings are about our HTML or CSS: under --strict they stop the build too.
            if report.environmentError != nil || (strict && report.diagnostics.contains { ["pdf-warning", "R083"].contains($0.code) }) {
                return false
            }
        }
        try writer.stage([PackPages(site: site, theme: theme, directives: site.directives).indexPage(pageCounts: pageCounts)])
        return true
    }

    /// A poster that runs to a second sheet, or a leaflet to a third side, would be put up or handed out with
    /// part of it missing: R083, at the feedback file, with how to make it fit.
    static func overruns(_ documents: [ResultsPages.PrintDocument], pageCounts: [String: Int]) -> [Diagnostic] {
        documents.compactMap { document in
            guard let sides = document.sides, let pages = pageCounts[document.pdfPath], pages > sides else { return nil }
            let fits = sides == 1 ? "one sheet" : "both sides of one sheet"
            return .warning("R083", "'\(document.pdfPath)' prints on \(pages) \(sides == 1 ? "sheets" : "sides"); it is meant to fit on \(fits) of \(document.paper.rawValue)",
                            at: document.source,
                            notes: ["shorten the items, or give fewer: up to 6 short items fit the A4 poster, 8 the A3 poster and 5 the A5 leaflet"])
        }
    }

    /// PDFs for every pack, photocopy master and results print document in the staging folder, a few at a time
    /// (WeasyPrint uses one core each); a document whose HTML did not change reuses its last PDF. WeasyPrint's
    /// warnings become diagnostics.
    static func makePDFs(site: Site, results printDocuments: [ResultsPages.PrintDocument] = [], writer: OutputWriter,
                         maker: PDFMaker, report: inout Pipeline.BuildReport) -> [String: Int] {
        // Packs first, then the photocopy masters and results: the long jobs start early, the short ones fill the lanes.
        let jobs = site.packs.flatMap { [($0.htmlPath, $0.pdfPath), ($0.largePrintPath, $0.largePrintPDFPath)] }
            + PrintMaster.all(in: site).map { ($0.htmlPath, $0.pdfPath) }
            + printDocuments.map { ($0.htmlPath, $0.pdfPath) }
        let staging = writer.staging
        // A PDF made by another WeasyPrint may differ, so PDFs are reused only from a build with the same one.
        let sameEngine = writer.previous(PDFMaker.engineFile) == Data(maker.identity.utf8)
        let width = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let results: [(String, Int?, PDFMaker.Outcome, Bool)] = boundedParallelMap(jobs, width: width) { job in
            let (htmlPath, pdfPath) = job
            let html = staging.appendingPathComponent(htmlPath)
            let pdf = staging.appendingPathComponent(pdfPath)
            // A PDF depends on its HTML and on the stylesheets it links; reuse it only if none changed.
            let inputs = [htmlPath, "assets/print.css"]
            let unchanged = inputs.allSatisfy { path in
                writer.previous(path) == FileManager.default.contents(atPath: staging.appendingPathComponent(path).path)
            }
            if sameEngine, unchanged, let oldPDF = writer.previous(pdfPath) {
                let linked = (try? FileManager.default.linkItem(at: writer.output.appendingPathComponent(pdfPath), to: pdf)) != nil
                if linked { return (pdfPath, PDFMaker.pageCount(oldPDF), PDFMaker.Outcome(failure: nil, warnings: []), true) }
            }
            let outcome = maker.render(html: html, pdf: pdf)
            if outcome.failure != nil { return (pdfPath, nil, outcome, false) }
            let data = FileManager.default.contents(atPath: pdf.path) ?? Data()
            return (pdfPath, PDFMaker.pageCount(data), outcome, false)
        }
        var counts: [String: Int] = [:]
        var warnings: [(message: String, pdfs: [String])] = []
        for (path, pages, outcome, reused) in results {
            if let failure = outcome.failure {
                report.environmentError = "WeasyPrint could not make '\(path)': \(failure)"
            } else if let pages {
                counts[path] = pages
                if reused { report.pdfsReused += 1 } else { report.pdfs += 1 }
            }
            for message in outcome.warnings {
                if let index = warnings.firstIndex(where: { $0.message == message }) {
                    warnings[index].pdfs.append(path)
                } else {
                    warnings.append((message, [path]))
                }
            }
        }
        // One diagnostic per distinct warning: a stylesheet problem shows once, not once for every pack.
        report.diagnostics += warnings.map { warning in
            let more = warning.pdfs.count > 1 ? " and \(warning.pdfs.count - 1) more" : ""
            return .warning("pdf-warning", "WeasyPrint, making '\(warning.pdfs[0])'\(more): \(warning.message)",
                            notes: ["the PDF may not look as the pack styles intend; the theme's HTML or CSS needs a change"])
        }
        return counts
    }

    /// Like `parallelMap`, but never more than `width` jobs at once (each PDF job is a program with its own
    /// memory); each lane takes the next job when it is free, so a long job does not hold up the rest.
    static func boundedParallelMap<T: Sendable, R: Sendable>(_ items: [T], width: Int, _ transform: @Sendable @escaping (T) -> R) -> [R] {
        let queue = JobQueue(count: items.count)
        let perLane: [[(Int, R)]] = parallelMap(Array(0..<max(1, min(width, items.count)))) { _ in
            var done: [(Int, R)] = []
            while let index = queue.next() { done.append((index, transform(items[index]))) }
            return done
        }
        return perLane.flatMap { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// Hands out job numbers 0, 1, 2… to whichever lane asks first.
final class JobQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
}
