/// The parts of the web form for typing in paper returns. They stay hidden until `survey.js` opens the
/// form with `?mode=entry`; without the script the page is the plain form.
extension WebFormBuilder {
    /// The data columns for the CSV download: name, kind, and the variable and code they come from.
    static func columnJSON(_ column: DataColumn) -> [String] {
        switch column.kind {
        case .response: [column.name, "response"]
        case .variable(let variable): [column.name, "variable", variable.name]
        case .option(let variable, let choice): [column.name, "option", variable.name, choice.code]
        }
    }

    /// Labels of the `mode` and `outcome` codes, for the list of saved responses.
    var codeLabels: [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for field in [ResponseField.mode, .outcome] {
            result[field.rawValue] = Dictionary(DataShape.codes(field, in: survey).map { ($0.code, $0.label.text(in: language)) },
                                                uniquingKeysWith: { first, _ in first })
        }
        return result
    }

    func entryPanel() -> EntryPanelView {
        let modes = DataShape.codes(.mode, in: survey).filter { $0.code == CollectionMode.paper.rawValue || $0.code == CollectionMode.phone.rawValue }
        return EntryPanelView(
            title: say(.entryTitle), introduction: say(.entryIntro),
            formNumberField: ResponseField.formNumber.rawValue, formNumberLabel: say(.entryFormNumber),
            requiredMarker: say(.webRequired), formNumberHint: say(.entryFormNumberHint),
            volunteerField: ResponseField.volunteerID.rawValue, volunteerLabel: say(.entryVolunteer),
            groups: [
                entryGroup("mode", legend: .entryMode, options: modes.map { ($0.code, text($0.label)) }),
                entryGroup("outcome", legend: .entryOutcome, options: DataShape.codes(.outcome, in: survey).map { ($0.code, text($0.label)) }),
                entryGroup("pass", legend: .entryPass, options: [("first", say(.entryPassFirst)), ("second", say(.entryPassSecond))]),
            ],
            leaveLabel: say(.entryLeave))
    }

    /// One question of the entry panel as radio buttons; the first option is chosen to begin with.
    private func entryGroup(_ name: String, legend: WordingKey, options: [(code: String, label: String)]) -> EntryGroupView {
        EntryGroupView(name: name, legend: say(legend), options: options.enumerated().map { index, option in
            Self.choice("entry-\(name)-\(option.code)", code: option.code, label: option.label, checked: index == 0)
        })
    }
}
