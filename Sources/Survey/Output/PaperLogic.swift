import Foundation
import Markdown

/// The paper questionnaire's part of form logic: a block per member of a repeat, and a cascade's
/// full list grouped under the earlier answer it depends on.
extension PaperRenderer {
    /// As many numbered blocks as the repeat allows, each with the section's questions.
    mutating func renderRepeat(_ section: Section) {
        let count = survey.repeatMax(section)
        out += "<p class=\"survey-paper-instruction survey-paper-repeat-note\">\(HTML.escape(survey.wording.text(.logicRepeatPaperNote, in: language, ["count": String(count)])))</p>\n"
        for instance in 1...count {
            out += "<div class=\"survey-paper-repeat-item\">\n<h3 class=\"survey-paper-repeat-heading\">\(text(survey.memberHeading(section, instance)))</h3>\n"
            idSuffix = "_\(instance)"
            for question in section.questions { renderQuestion(question) }
            idSuffix = ""
            out += "</div>\n"
        }
    }

    /// The options in print order: with `filter_by`, grouped under each answer of the earlier question
    /// (its label is the group heading); otherwise as written.
    func cascadeOrder(_ question: Question) -> [(Choice, LocalizedText?)] {
        let options = survey.options(for: question)
        guard let filter = question.filterBy, let parent = survey.question(filter) else { return options.map { ($0, nil) } }
        var byParent: [String: [Choice]] = [:]
        var loose: [Choice] = []
        for option in options {
            if let code = option.parent { byParent[code, default: []].append(option) } else { loose.append(option) }
        }
        var result: [(Choice, LocalizedText?)] = []
        for group in survey.options(for: parent) {
            for (index, option) in (byParent[group.code] ?? []).enumerated() { result.append((option, index == 0 ? group.label : nil)) }
        }
        return result + loose.map { ($0, nil) }
    }
}
