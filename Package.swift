// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Doorstep",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "doorstep", targets: ["doorstep"]),
        .library(name: "DoorstepKit", targets: ["Publish"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already brought in by Hummingbird; named here because the preview imports them directly.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "CPlatform"),
        .target(name: "Diagnostics"),
        .target(name: "Prose"),
        .target(name: "Markdown", dependencies: ["CCmark", "CPlatform"]),
        // One YAML layer for every file the generator reads: syntax errors in plain words, alias limits.
        .target(name: "YAMLSupport", dependencies: ["Diagnostics", .product(name: "Yams", package: "Yams")]),
        .target(name: "Survey", dependencies: [
            "Diagnostics", "Markdown", "Prose", "YAMLSupport",
            .product(name: "Yams", package: "Yams"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Wording/Tables")]),
        .target(name: "Results", dependencies: [
            "Diagnostics", "Markdown", "Survey",
            .product(name: "Yams", package: "Yams"),
            // Reads KoboToolbox's .xlsx exports.
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "Toolkit", dependencies: [
            "Diagnostics", "Markdown", "Prose", "Survey", "YAMLSupport",
            .product(name: "Yams", package: "Yams"),
            // Template directives render through Mustache, like the theme.
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "Publish", dependencies: [
            "CPlatform", "Diagnostics", "Markdown", "Results", "Survey", "Toolkit",
            .product(name: "Mustache", package: "swift-mustache"),
            // Inflates PDF object streams to count a PDF's pages.
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Theme")]),
        .target(name: "Preview", dependencies: [
            "Publish", "Diagnostics", "Toolkit",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "doorstep", dependencies: [
            "Publish", "Diagnostics", "Preview", "Results", "Survey", "Toolkit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], plugins: ["EmbedCommit"]),
        // Names the git commit in `doorstep version` (nil outside a git checkout).
        .plugin(name: "EmbedCommit", capability: .buildTool()),
        // A bounded mutation fuzzer over pages, manifests, surveys and templates (scripts/test runs it).
        .executableTarget(name: "DoorstepFuzz", dependencies: ["Publish", "Toolkit", "Survey", "Diagnostics"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "YAMLSupportTests", dependencies: ["YAMLSupport", "Diagnostics"]),
        .testTarget(name: "ProseTests", dependencies: ["Prose"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "SurveyTests", dependencies: ["Survey", "Diagnostics", "Publish", "Toolkit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ResultsTests", dependencies: ["Results", "Survey", "Diagnostics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ToolkitTests", dependencies: ["Toolkit", "Diagnostics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PublishTests", dependencies: [
            "Publish", "Toolkit", "Diagnostics", "Survey", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], exclude: ["Fixtures"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Diagnostics"]),
        .testTarget(name: "EndToEndTests", dependencies: [], exclude: ["Fixtures", "Golden"]),
    ]
)
