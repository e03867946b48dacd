import Foundation
import Hummingbird
import Logging
import NIOCore
import Publish
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the preview could not start; all are problems with the machine or the options (exit status 2).
public enum PreviewError: Error, CustomStringConvertible {
    case portInUse(Int, address: String)
    case cannotListen(port: Int, address: String, reason: String)
    case environment(String)

    public var description: String {
        switch self {
        case .portInUse(let port, let address):
            return "port \(port) on \(address) is already in use (another 'doorstep serve'?); choose another with --port"
        case .cannotListen(let port, let address, let reason):
            return "cannot listen on \(address):\(port): \(reason)"
        case .environment(let message):
            return message
        }
    }
}

/// `doorstep serve`: builds the site into the preview folder, serves it on 127.0.0.1 (or the `--bind`
/// address), and rebuilds and reloads the open pages when a source changes. Only the built site is
/// served, never the sources or results/, so a preview open to the network shows what a build would publish.
public struct PreviewServer: Sendable {
    public let options: PreviewOptions
    let log: @Sendable (String) -> Void
    let events = BuildEvents()
    /// Started again after each build and stopped when `run` returns, so none outlives the preview.
    let spares = PreprocessorSpares()
    /// One builder for the first build and every rebuild, so the pages it keeps in memory serve them all.
    let builder: PreviewBuilder

    public init(options: PreviewOptions, log: @escaping @Sendable (String) -> Void = PreviewServer.printToStandardError) {
        self.options = options
        self.log = log
        builder = PreviewBuilder(options: options, spares: spares)
    }

    public static func printToStandardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Runs until Ctrl-C or SIGTERM (with `handleSignals`) or until the calling task is cancelled.
    /// `onReady` gets the port listened on, which is the one chosen by the system when asked for 0.
    public func run(handleSignals: Bool = true, onReady: @escaping @Sendable (Int) -> Void = { _ in }) async throws(PreviewError) {
        defer { spares.stop() }
        let address = options.bind
        if let code = LoopbackPort.bindError(options.port, address: address) {
            throw code == EADDRINUSE ? .portInUse(options.port, address: address)
                : .cannotListen(port: options.port, address: address, reason: String(cString: strerror(code)))
        }
        if !options.isLoopback {
            log("warning: --bind \(address) lets every device on this network see the preview, drafts included; "
                + "use it only on a network you trust, and stop it with Ctrl-C when you are done")
        }
        // Taken before the first build, so that a file saved during it is rebuilt afterwards.
        let snapshot = SourceSnapshot.take(root: options.root)
        let first = await builder.buildOffTheCooperativePool()
        // A folder that is not doorstep's, or PDFs asked for without WeasyPrint: nothing to serve or wait for.
        if let problem = first.report.environmentError {
            if !first.diagnosticsText.isEmpty { log(first.diagnosticsText) }
            throw .environment(problem)
        }
        await SourceWatcher.publish(first, to: events, log: log)

        var logger = Logger(label: "doorstep.serve")
        // The preview prints its own lines; the server's start-up and request logs would bury them.
        logger.logLevel = .critical
        let watcher = SourceWatcher(options: options, builder: builder, events: events, log: log, initial: snapshot)
        let log = self.log
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(address, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let url = BrowserOpener.url(address: address, port: port)
                log("serving \(options.root.path) at \(url) (from \(options.output.path)); Ctrl-C stops")
                if !options.isLoopback {
                    for shown in NetworkAddresses.reachable(bind: address) {
                        log("  on another device on this network: \(BrowserOpener.url(address: shown, port: port))")
                    }
                }
                if options.openBrowser, let problem = BrowserOpener.open(url) { log("note: \(problem)") }
                onReady(port)
            },
            logger: logger
        )
        // Services stop in reverse order: the watcher first, and its end closes the open pages' event
        // streams, which would otherwise keep the server waiting for them to finish.
        let group = ServiceGroup(configuration: .init(
            services: [app, watcher], gracefulShutdownSignals: handleSignals ? [.sigint, .sigterm] : [], logger: logger))
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw .portInUse(options.port, address: address)
        } catch let error as IOError {
            throw .cannotListen(port: options.port, address: address, reason: String(cString: strerror(error.errnoCode)))
        } catch is CancellationError {
            return
        } catch {
            throw .cannotListen(port: options.port, address: address, reason: String(describing: error))
        }
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        let events = self.events
        let files = SiteFiles(output: options.output)
        router.get(RouterPath(LiveReload.eventsPath)) { request, _ in
            await Self.eventStream(events, page: request.uri.queryParameters["page"].flatMap { SiteFiles.file(shownAt: String($0)) })
        }
        router.get("/") { request, _ in
            await Self.respond(to: request.uri.path, files: files, events: events)
        }
        router.get("**") { request, _ in
            await Self.respond(to: request.uri.path, files: files, events: events)
        }
        return router
    }

    /// Never cached, so that a reload always shows the newest build.
    static func headers(contentType: String) -> HTTPFields {
        [.contentType: contentType, .cacheControl: "no-store"]
    }

    static func respond(to path: String, files: SiteFiles, events: BuildEvents) async -> Response {
        // A page the build under way made first is served before the rest of the site is written.
        if let file = SiteFiles.file(shownAt: path), let data = await events.ahead[file] {
            return Response(status: .ok, headers: headers(contentType: SiteFiles.contentType(for: file)),
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: LiveReload.body(
                                data, path: file, generation: await events.generation(serving: file), draft: await events.drafts.contains(file)))))
        }
        let generation = await events.generation
        switch files.lookup(path) {
        case .file(let file, let data):
            let isDraft = await events.drafts.contains(file)
            return Response(status: .ok, headers: headers(contentType: SiteFiles.contentType(for: file)),
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: LiveReload.body(data, path: file, generation: generation,
                                                                                             draft: isDraft))))
        case .redirect(let location):
            return Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
        case .notFound(let page):
            let html = page.map { String(decoding: $0, as: UTF8.self) } ?? "<!doctype html><title>Not found</title><h1>Not found</h1>"
            return htmlResponse(.notFound, html, generation: generation)
        case .noSite:
            return htmlResponse(.serviceUnavailable, noSitePage, generation: generation)
        }
    }

    static func htmlResponse(_ status: HTTPResponse.Status, _ html: String, generation: Int) -> Response {
        Response(status: status, headers: headers(contentType: "text/html; charset=utf-8"),
                 body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.inject(into: html, generation: generation))))
    }

    /// Shown before any good build: the injected script shows the problems over it.
    static let noSitePage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>doorstep serve</title></head>
        <body><h1>No site yet</h1><p>The build failed, so there is nothing to show. Fix the problems below and save:
        this page reloads by itself.</p></body></html>
        """

    /// Server-sent events for one open page; ends when the server stops, so pages never hold it open.
    static func eventStream(_ events: BuildEvents, page: String? = nil) async -> Response {
        let stream = await events.subscribe(page: page)
        return Response(status: .ok, headers: headers(contentType: "text/event-stream"), body: ResponseBody { writer in
            for await message in stream {
                try await writer.write(ByteBuffer(string: message))
            }
            try await writer.finish(nil)
        })
    }
}
