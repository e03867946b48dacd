import Foundation
import Toolkit

/// The preview shows an edit on the page being looked at as soon as that page is made: its HTML goes to the
/// preview (which serves it from memory) before the site's other pages, the search index and the packs are
/// rendered. Only a page whose inputs changed is made early, only once the checks have passed, and the build
/// then makes and writes the whole site as always, so the output folder is exactly that of a build without it.
enum ViewedFirst {
    static func render(_ renderer: SiteRenderer, options: Pipeline.BuildOptions, keys: [String: String], previous: BuildCache?) {
        guard let ready = options.viewedReady, !options.viewed.isEmpty else { return }
        let pages = renderer.pages.filter { page in
            options.viewed.contains(page.outputPath) && (keys[page.outputPath] == nil || previous?.keys[page.outputPath] != keys[page.outputPath])
        }
        guard !pages.isEmpty else { return }
        renderer.renderPages(pages) { files in ready(files) }
    }
}
