/// The paper questionnaire's part of form logic: a block per member of a repeat, and a cascade's
/// full list grouped under the earlier answer it depends on.
extension PaperBuilder {
    /// As many numbered blocks as the repeat allows, each with the section's questions.
    func repeatItems(_ section: Section) -> [PaperRepeatItemView] {
        (1...survey.repeatMax(section)).map { instance in
            PaperRepeatItemView(heading: text(survey.memberHeading(section, instance)),
                                questions: section.questions.compactMap { question($0, idSuffix: "_\(instance)") })
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
