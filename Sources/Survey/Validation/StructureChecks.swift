import Diagnostics
import Foundation

/// Ids, choice lists, codes, types and ranges.
struct StructureChecks {
    let survey: Survey

    static let surveyIDPattern = "^[a-z0-9]+(-[a-z0-9]+)*$"
    static let namePattern = "^[A-Za-z][A-Za-z0-9_]*$"
    static let codePattern = "^[A-Za-z0-9_]+$"

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    func run(_ findings: inout Findings) {
        if !survey.id.isEmpty, !Self.matches(survey.id, Self.surveyIDPattern) {
            findings.error("S005", "'\(survey.id)' is not a valid survey id: use lower case letters, digits and hyphens",
                           at: survey.idLocation, length: survey.id.count)
        }
        checkMissingFields(&findings)
        checkIDs(&findings)
        var firstListByName: [String: ChoiceList] = [:]
        for list in survey.choiceLists {
            // The YAML reader reads keys as text and already refuses `true:` beside `"true":`; this check
            // stays so that a survey put together in any other way gets the same error.
            if let first = firstListByName[list.name] {
                let place = first.location.map { " at \($0.line):\($0.column)" } ?? ""
                findings.error("S006", "the choice list name '\(list.name)' is already used by another list", at: list.location,
                               length: list.name.count, notes: ["first used\(place)"])
            } else {
                firstListByName[list.name] = list
            }
            if !Self.matches(list.name, Self.namePattern) {
                findings.error("S005", "'\(list.name)' is not a valid list name: use letters, digits and underscores, starting with a letter",
                               at: list.location, length: list.name.count)
            }
            if list.choices.isEmpty {
                findings.error("S013", "the choice list '\(list.name)' has no choices", at: list.location, length: list.name.count)
            }
            checkChoices(list.choices, owner: "list '\(list.name)'", &findings)
        }
        for question in survey.questions { checkQuestion(question, &findings) }
        checkAllowances(survey.allow, &findings)
        for question in survey.questions { checkAllowances(question.allow, &findings) }
    }

    func checkMissingFields(_ findings: inout Findings) {
        let location = survey.location
        let fields: [(String, Bool, String)] = [
            ("version", survey.version != nil, "so that answers can be matched to the questions asked"),
            ("introduction", survey.introduction != nil, "to tell people who is asking and why"),
            ("privacy_notice", survey.privacyNotice != nil, "to tell people what happens to their answers"),
            ("contact", survey.contact != nil, "to tell people who to ask about the survey"),
            ("estimated_minutes", survey.estimatedMinutes != nil, "to tell people how long it takes"),
        ]
        for (key, present, why) in fields where !present {
            findings.warning("S217", "the survey has no '\(key)' \(why)", at: location, question: nil)
        }
    }

    /// Ids of sections, questions and the extra columns some questions add, compared ignoring case.
    func checkIDs(_ findings: inout Findings) {
        var seen: [String: (id: String, location: SourceLocation?, what: String)] = [:]
        func register(_ id: String, location: SourceLocation?, what: String) {
            guard !id.isEmpty else { return }
            if let first = seen[id.lowercased()] {
                let place = first.location.map { " at \($0.line):\($0.column)" } ?? ""
                let message = first.id == id
                    ? "the id '\(id)' is already used by \(first.what)"
                    : "the id '\(id)' differs only in case from '\(first.id)', used by \(first.what)"
                findings.error("S006", message, at: location, length: id.count, notes: ["first used\(place)"])
            } else {
                seen[id.lowercased()] = (id, location, what)
            }
        }
        for section in survey.sections where !section.isImplicit {
            if !Self.matches(section.id, Self.namePattern), !section.id.isEmpty {
                findings.error("S005", "'\(section.id)' is not a valid section id: use letters, digits and underscores, starting with a letter",
                               at: section.idLocation, length: section.id.count)
            }
            register(section.id, location: section.idLocation, what: "a section")
        }
        for question in survey.questions {
            if !Self.matches(question.id, Self.namePattern) {
                findings.error("S005", "'\(question.id)' is not a valid question id: use letters, digits and underscores, starting with a letter",
                               at: question.idLocation, length: question.id.count)
            }
            register(question.id, location: question.idLocation, what: "a question")
        }
        // Every response file starts with the data-shape columns; the XLSForm also has a 'visit' group.
        let reserved = DataShape.responseNames.union([XLSForm.Builder.visitGroup])
        for section in survey.sections where reserved.contains(section.id.lowercased()) {
            findings.error("S006", "the id '\(section.id)' is a column every response has; choose another id",
                           at: section.idLocation, length: section.id.count, notes: ["the response columns are \(DataShape.responseFields.map(\.rawValue).joined(separator: ", "))"])
        }
        for question in survey.questions where reserved.contains(question.id.lowercased()) {
            findings.error("S006", "the id '\(question.id)' is a column every response has; choose another id",
                           at: question.idLocation, length: question.id.count, notes: ["the response columns are \(DataShape.responseFields.map(\.rawValue).joined(separator: ", "))"])
        }
        // An added column ("x_other", "x_na") must not take the name of a real question.
        for question in survey.questions {
            for (name, what) in ExtraColumns.names(for: question, in: survey) {
                guard let clash = survey.questions.first(where: { $0.id.lowercased() == name.lowercased() }) else { continue }
                findings.error("S006", "the id '\(clash.id)' is also the name of \(what)", at: clash.idLocation, length: clash.id.count)
            }
        }
    }

    func checkChoices(_ choices: [Choice], owner: String, _ findings: inout Findings) {
        var codes: [String: String] = [:]
        var entries: [Int: String] = [:]
        for (index, choice) in choices.enumerated() {
            if choice.codeIsUnquotedBoolean {
                findings.error("S023", "the code \(choice.code) is not quoted, so YAML reads it as true or false; write \"\(choice.code)\"",
                               at: choice.codeLocation, length: choice.code.count)
            } else if !Self.matches(choice.code, Self.codePattern) {
                findings.error("S007", "'\(choice.code)' is not a valid choice code: use letters, digits and underscores",
                               at: choice.codeLocation, length: choice.code.count)
            }
            if let first = codes[choice.code.lowercased()] {
                let message = first == choice.code
                    ? "the code '\(choice.code)' is already used in \(owner)"
                    : "the code '\(choice.code)' differs only in case from '\(first)' in \(owner)"
                findings.error("S008", message, at: choice.codeLocation, length: choice.code.count)
            } else {
                codes[choice.code.lowercased()] = choice.code
            }
            let entry = choice.entry ?? index + 1
            if let first = entries[entry] {
                findings.error("S009", "the entry number \(entry) is already used by '\(first)' in \(owner)",
                               at: choice.entryLocation ?? choice.codeLocation)
            } else {
                entries[entry] = choice.code
            }
        }
    }

    func checkQuestion(_ question: Question, _ findings: inout Findings) {
        let type = question.type
        if type == .scale {
            if question.scale != nil, question.choices != nil {
                findings.error("S025", "question '\(question.id)' gives both 'scale' and 'choices'; keep one", at: question.scaleLocation)
            } else if let name = question.scale, !BuiltInChoices.scaleNames.contains(name) {
                findings.error("S012", "unknown scale '\(name)'", at: question.scaleLocation, length: name.count,
                               notes: Suggestion.note(for: name, in: BuiltInChoices.scaleNames))
            } else if question.scale == nil, question.choices == nil {
                findings.error("S013", "question '\(question.id)' needs a 'scale' (\(BuiltInChoices.scaleNames.joined(separator: ", "))) or 'choices'",
                               at: question.typeLocation)
            }
        }
        if type.needsChoices, question.choices == nil {
            findings.error("S013", "question '\(question.id)' is \(type.article) \(type.rawValue) but has no 'choices'", at: question.typeLocation,
                           length: type.rawValue.count)
        }
        switch question.choices {
        case .list(let name, let location)?:
            if survey.choiceList(name) == nil {
                findings.error("S011", "unknown choice list '\(name)'", at: location, length: name.count,
                               notes: Suggestion.note(for: name, in: survey.choiceLists.map(\.name)))
            }
        case .inline(let choices, let location)?:
            if choices.isEmpty {
                findings.error("S013", "question '\(question.id)' has an empty list of choices", at: location)
            }
            checkChoices(choices, owner: "question '\(question.id)'", &findings)
        case nil:
            break
        }
        if let base = survey.baseChoices(for: question) {
            let codes = Set(base.choices.map { $0.code.lowercased() })
            let entries = Dictionary(base.choices.enumerated().map { ($0.element.entry ?? $0.offset + 1, $0.element.code) },
                                     uniquingKeysWith: { first, _ in first })
            for (option, request) in question.specialOptions {
                if codes.contains(option.code) {
                    findings.error("S029", "question '\(question.id)' adds '\(option.code)', but its choices already have that code",
                                   at: request.location)
                } else if let clash = entries[option.entry] {
                    findings.error("S009", "the entry number \(option.entry) of '\(option.code)' is already used by '\(clash)'",
                                   at: request.location)
                }
            }
        }
        checkRanges(question, &findings)
        if type == .ranking, let rank = question.rank {
            let count = survey.options(for: question).count
            if count > 0, rank > count {
                findings.error("S024", "'rank' is \(rank) but question '\(question.id)' has only \(count) options",
                               at: question.location)
            }
        }
    }

    func checkRanges(_ question: Question, _ findings: inout Findings) {
        if let min = question.min, let max = question.max, min.value > max.value {
            findings.error("S020", "'min' (\(min.text)) is above 'max' (\(max.text))", at: min.location, length: min.text.count)
        }
        if let min = question.minLength, let max = question.maxLength, min.value > max.value {
            findings.error("S020", "'min_length' (\(min.text)) is above 'max_length' (\(max.text))", at: min.location, length: min.text.count)
        }
        if question.type == .integer || question.type == .rating {
            for (key, value) in [("min", question.min), ("max", question.max)] {
                if let value, !value.isWhole {
                    findings.error("S024", "'\(key)' of \(question.type.article) \(question.type.rawValue) question must be a whole number",
                                   at: value.location, length: value.text.count)
                }
            }
        }
        if question.type == .rating {
            let min = question.min?.value ?? 0, max = question.max?.value ?? 10
            if max - min > Double(SurveyLimits.maxRatingPoints - 1) {
                findings.error("S024", "a rating runs over at most \(SurveyLimits.maxRatingPoints) points; use an integer question for wider ranges",
                               at: question.max?.location ?? question.typeLocation)
            }
        }
    }

    func checkAllowances(_ allowances: [Allowance], _ findings: inout Findings) {
        let codes = SurveyDiagnosticCodes.warningCodes
        for allowance in allowances {
            if !codes.contains(allowance.code) {
                findings.error("S027", "'\(allowance.code)' is not a warning code that 'allow' can silence",
                               at: allowance.location, length: allowance.code.count,
                               notes: Suggestion.note(for: allowance.code, in: codes.sorted()))
            } else if allowance.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                findings.error("S026", "'allow: \(allowance.code)' needs a reason", at: allowance.location,
                               length: allowance.code.count)
            }
        }
    }
}

/// Extra data columns that questions add next to their own.
enum ExtraColumns {
    static func names(for question: Question, in survey: Survey) -> [(String, String)] {
        var result: [(String, String)] = []
        if question.type.hasChoices, question.other != nil {
            result.append((otherName(question), "the 'Other' text box of '\(question.id)'"))
        }
        if !survey.notAnsweredOptions(for: question).isEmpty {
            result.append((notAnsweredName(question), "the 'Don't know' or 'Prefer not to say' answer of '\(question.id)'"))
        }
        return result
    }

    static func otherName(_ question: Question) -> String { question.id + "_other" }
    static func notAnsweredName(_ question: Question) -> String { question.id + "_na" }
}
