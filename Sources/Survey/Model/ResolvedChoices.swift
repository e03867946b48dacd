/// The options a question actually shows, after shared lists, built-in scales and added options are resolved.
extension Survey {
    /// The written (or built-in) choices of a question and the name of the list they come from.
    public func baseChoices(for question: Question) -> (listName: String, choices: [Choice])? {
        switch question.type {
        case .yesNo:
            return ("yes_no", BuiltInChoices.yesNo.map { Choice(code: $0.code, label: wording.localized($0.key.rawValue, languages: languages)) })
        case .consent:
            return ("consent", BuiltInChoices.consent.map { Choice(code: $0.code, label: wording.localized($0.key.rawValue, languages: languages)) })
        case .scale where question.choices == nil:
            guard let name = question.scale, let rows = BuiltInChoices.scaleRows(name) else { return nil }
            return (name, rows.map { Choice(code: $0.code, label: wording.localized($0.key, languages: languages)) })
        case .selectOne, .selectMultiple, .ranking, .scale:
            switch question.choices {
            case .list(let name, _)?:
                guard let list = choiceList(name) else { return nil }
                return (name, list.choices)
            case .inline(let choices, _)?:
                return (question.id, choices)
            case nil:
                return nil
            }
        default:
            return nil
        }
    }

    /// Every option shown, written choices first, then "Other", "Don't know" and "Prefer not to say",
    /// each with its paper entry number filled in.
    public func options(for question: Question) -> [Choice] {
        var result: [Choice] = []
        if let base = baseChoices(for: question) {
            for (index, choice) in base.choices.enumerated() {
                var choice = choice
                if choice.entry == nil { choice.entry = index + 1 }
                result.append(choice)
            }
        }
        guard question.type.hasChoices else { return result }
        for (option, request) in question.specialOptions {
            result.append(specialChoice(option, request: request))
        }
        return result
    }

    /// "Don't know" and "Prefer not to say" for questions without a list (numbers, text, dates),
    /// which become a separate column so that the answer itself stays a clean number or text.
    public func notAnsweredOptions(for question: Question) -> [Choice] {
        guard !question.type.hasChoices, question.type.hasAnswer else { return [] }
        return question.specialOptions.filter { $0.0 != .other }.map { specialChoice($0.0, request: $0.1) }
    }

    /// The XLSForm list name for a question's options: the base list, suffixed when options are added.
    public func listName(for question: Question) -> String? {
        if question.type.hasChoices {
            guard let base = baseChoices(for: question) else { return nil }
            return base.listName + question.specialOptions.map { "_" + Self.suffix($0.0) }.joined()
        }
        let extra = question.specialOptions.filter { $0.0 != .other }
        guard !extra.isEmpty, question.type.hasAnswer else { return nil }
        return "not_answered" + extra.map { "_" + Self.suffix($0.0) }.joined()
    }

    func specialChoice(_ option: SpecialOption, request: SpecialOptionRequest) -> Choice {
        let label = request.label ?? wording.localized((BuiltInChoices.special[option] ?? .optionOther).rawValue, languages: languages)
        return Choice(code: option.code, label: label, entry: option.entry, location: request.location,
                      codeLocation: request.location, special: option)
    }

    static func suffix(_ option: SpecialOption) -> String {
        switch option {
        case .other: "oth"
        case .dontKnow: "dk"
        case .preferNotToSay: "pnts"
        }
    }

    /// The label of the text box after "Other — please specify".
    public var pleaseSpecifyLabel: LocalizedText {
        wording.localized(WordingKey.optionPleaseSpecify.rawValue, languages: languages)
    }
}
