import Foundation
import Markdown
import Toolkit

enum Formatting {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// `2026-11-20` → `20 November 2026`.
    static func longDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return iso }
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }

    /// The licence line of every page footer.
    static func licenceHTML(_ licence: String, root: String, hasLicencePage: Bool) -> String {
        let name: String
        switch licence.uppercased() {
        case "CC-BY-4.0": name = "<a href=\"https://creativecommons.org/licenses/by/4.0/\" rel=\"license\">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>"
        default: name = HTML.escape(licence)
        }
        let more = hasLicencePage ? " <a href=\"\(root)licence/index.html\">How to reuse it</a>." : ""
        return "Content licensed under \(name).\(more)"
    }
}
