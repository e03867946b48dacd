import Foundation
import Toolkit

/// Every file that `doorstep init` and `doorstep new` write, in one place. Text for the author to
/// replace starts with `Replace this:`, which `check` and `build` report as a warning until it is gone.
public enum StarterFiles {
    /// One file to create, relative to the project folder.
    public struct File: Sendable, Equatable {
        public var path: String
        public var text: String
    }

    static let replace = PlaceholderCheck.marker

    /// The module every new site starts with.
    public static let firstModuleID = "our-research"

    /// A new site: settings with the group's details to fill in, a home page, a first module and a
    /// `.gitignore` that keeps the built site and people's answers out of version control.
    public static func site(title: String) -> [File] {
        [
            File(path: "content/site.yml", text: siteYAML(title: title)),
            File(path: "content/index.md", text: """
                ---
                title: \(yamlQuoted(title))
                summary: \(yamlQuoted("\(replace) say in one sentence what this site is for."))
                ---

                \(replace) say who this site is for and what they will find here. Use two or three short
                sentences. The site's modules are listed below this text.

                """),
            File(path: ".gitignore", text: """
                # The built site: made again by 'doorstep build'.
                site/
                # Returned survey answers are personal data: keep them out of version control.
                results/

                """),
        ] + module(id: firstModuleID, title: "Our research", requires: [])
    }

    static func siteYAML(title: String) -> String {
        """
        # The site's settings. Lines that start with '#' are notes; the build ignores them.
        title: \(yamlQuoted(title))
        tagline: \(yamlQuoted("\(replace) one line on what this toolkit helps people do"))
        # base_url: https://example.org/toolkit/   # the published address, once the site has one
        language: en-GB
        licence: CC-BY-4.0
        modules: all
        # Who runs the research. Surveys, consent forms and notices print these details, and pages can
        # show them with {{group.phone}} and the like. Delete a line you do not want to give: it prints
        # as a blank to fill in by hand.
        group:
          organisation: \(yamlQuoted("\(replace) your group's name"))
          contact_name: \(yamlQuoted("\(replace) the person residents can ask for"))
          phone: \(yamlQuoted("\(replace) a phone number residents can call"))
          email: \(yamlQuoted("\(replace) an email address residents can write to"))
          address: \(yamlQuoted("\(replace) where residents can find you"))
          data_protection_contact: \(yamlQuoted("\(replace) who looks after the answers people give"))

        """
    }

    /// A module folder with its manifest and its introduction page.
    public static func module(id: String, title: String, requires: [String]) -> [File] {
        let summary = "\(replace) say in one sentence what this module helps a resident do."
        return [
            File(path: "toolkit-modules/\(id)/module.yml", text: """
                id: \(id)
                title: \(yamlQuoted(title))
                summary: \(yamlQuoted(summary))
                order: 200
                requires: [\(requires.joined(separator: ", "))]
                licence: CC-BY-4.0
                version: 0.1.0

                """),
            File(path: "toolkit-modules/\(id)/index.md", text: """
                ---
                title: \(yamlQuoted(title))
                summary: \(yamlQuoted(summary))
                kind: page
                order: 0
                ---

                \(replace) say who this module is for, what they will be able to do after reading it, and
                which page to read first.

                """),
        ]
    }

    /// A guide page in a module, published at `<module>/<name>/`.
    public static func page(module: String, name: String, title: String) -> File {
        File(path: "toolkit-modules/\(module)/\(name).md", text: frontMatter(
            title: title, summary: "say in one sentence what this page helps a reader do.", kind: "guide") + """

            \(replace) write the page here. Use short sentences and plain words.

            ## \(replace) a first heading

            \(replace) the first part of the guide.

            """)
    }

    /// A page holding a small survey that passes every check once its starter text is replaced.
    public static func survey(module: String, name: String, title: String) -> File {
        File(path: "toolkit-modules/\(module)/\(name).md", text: frontMatter(
            title: title, summary: "say in one sentence who this survey is for.", kind: "page") + """

            \(replace) say who should answer this survey and what your group will do with the answers.

            ```survey
            id: \(name)
            title: \(yamlQuoted(title))
            version: "0.1"
            introduction: \(yamlQuoted("\(replace) say who you are and why you are asking."))
            privacy_notice: \(yamlQuoted("\(replace) say what you do with the answers, who sees them and when you delete them."))
            contact: "{{group.organisation}}, {{group.phone}}, {{group.email}}"
            estimated_minutes: 2
            sections:
              - id: first_questions
                title: \(yamlQuoted(title))
                questions:
                  - id: agree
                    type: consent
                    label: Do you agree to answer these questions?
                  - id: best_thing
                    type: text_long
                    label: \(yamlQuoted("\(replace) your first question. For example: What do you like about this street?"))
            ```

            """)
    }

    /// A page's front matter, for residents, with its summary still to write.
    static func frontMatter(title: String, summary: String, kind: String) -> String {
        """
        ---
        title: \(yamlQuoted(title))
        summary: \(yamlQuoted("\(replace) \(summary)"))
        kind: \(kind)
        audience: residents
        ---

        """
    }

    /// "Hillside research" from a folder name such as "hillside-research".
    public static func title(fromName name: String) -> String {
        let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
        guard let first = words.first else { return "Our community research" }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst().map(String.init)).joined(separator: " ")
    }

    /// A file name from a title: lower-case letters, digits and single hyphens ("Who to ask?" → "who-to-ask").
    public static func fileName(fromTitle title: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in title.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "\u{2019}" {
                pendingHyphen = true
            }
        }
        return result
    }

    /// A YAML double-quoted string, so titles with colons or quotes stay valid.
    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
