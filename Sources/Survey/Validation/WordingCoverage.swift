import Diagnostics

/// Each declared language needs every text the outputs add; one error per language names what is missing
/// and where to give it.
struct WordingCoverage {
    let survey: Survey

    func run(_ findings: inout Findings) {
        let needed = survey.neededWordingKeys
        for language in survey.languages {
            let missing = survey.wording.missing(needed, in: language.code)
            guard !missing.isEmpty else { continue }
            let base = Wording.baseCode(language.code)
            findings.error("S050",
                "there is no '\(language.code)' (\(language.name)) wording for \(missing.count) text\(missing.count == 1 ? "" : "s") the survey's forms add",
                at: language.location, length: language.code.count,
                notes: ["missing: \(missing.joined(separator: ", "))",
                        "add them to wording/\(base).yml at the top of the project, for example 'web:' then '  choose_one: …' (see docs/authoring.md, \"Wording in other languages\"); `doorstep survey wording en` prints the English table to start from"])
        }
    }
}

extension Survey {
    /// The wording keys this survey's outputs use: every interface text, plus the built-in answers and
    /// scales its questions take.
    public var neededWordingKeys: [String] {
        let builtInGroups: Set<Substring> = ["yes_no", "consent", "option"]
        var keys = WordingKey.allCases.filter { !builtInGroups.contains($0.group) }.map(\.rawValue)
        var extra: [String] = []
        for question in questions {
            switch question.type {
            case .yesNo: extra += BuiltInChoices.yesNo.map(\.key.rawValue)
            case .consent: extra += BuiltInChoices.consent.map(\.key.rawValue)
            case .scale where question.choices == nil:
                extra += question.scale.flatMap(BuiltInChoices.scaleRows)?.map(\.key) ?? []
            default: break
            }
            for (option, request) in question.specialOptions where request.label == nil {
                if let key = BuiltInChoices.special[option] { extra.append(key.rawValue) }
            }
            if question.type.hasChoices, question.other != nil { extra.append(WordingKey.optionPleaseSpecify.rawValue) }
        }
        var seen = Set(keys)
        for key in extra where seen.insert(key).inserted { keys.append(key) }
        return keys
    }
}
