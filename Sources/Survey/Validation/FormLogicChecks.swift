import Diagnostics
import Foundation

/// Repeats, calculations, defaults, patterns, cascades, required messages and encryption: every name they
/// use must exist, come earlier and be of the right kind, so that each output can carry them out.
struct FormLogicChecks {
    let survey: Survey

    struct Place {
        let index: Int
        let question: Question
        /// The repeated section the question is in.
        let repeatID: String?
    }

    func run(_ findings: inout Findings) {
        var places: [String: Place] = [:]
        var index = 0
        for section in survey.sections {
            for question in section.questions {
                if places[question.id] == nil {
                    places[question.id] = Place(index: index, question: question, repeatID: section.repeatRule == nil ? nil : section.id)
                }
                index += 1
            }
        }
        checkRepeats(places, &findings)
        for (id, place) in places.sorted(by: { $0.value.index < $1.value.index }) where place.question.id == id {
            let question = place.question
            checkConditionScope(question, place, places, &findings)
            if let calculation = question.calculation { checkCalculation(calculation, place, places, &findings) }
            if let answer = question.defaultAnswer { checkDefault(answer, question, &findings) }
            if let pattern = question.pattern { checkPattern(pattern, question, &findings) }
            if question.filterBy != nil { checkCascade(question, place, places, &findings) }
            if question.requiredMessage != nil, !question.required {
                findings.error("S036", "'required_message' is shown only for a required question; add 'required: true' or remove it",
                               at: question.requiredMessage?.location ?? question.location)
            }
        }
        checkEncryption(&findings)
    }

    func checkRepeats(_ places: [String: Place], _ findings: inout Findings) {
        let ids = Set(places.keys)
        for section in survey.sections {
            guard let rule = section.repeatRule else { continue }
            let here = rule.countLocation ?? rule.location
            if let count = rule.countQuestion {
                guard let place = places[count] else {
                    findings.error("S035", "'repeat' counts with '\(count)', which is not a question in this survey", at: here,
                                   length: count.count, notes: Suggestion.note(for: count, in: places.keys.sorted()))
                    continue
                }
                if place.repeatID != nil || section.questions.contains(where: { $0.id == count }) {
                    findings.error("S035", "'repeat' counts with '\(count)', which must be an earlier question outside any repeat",
                                   at: here, length: count.count)
                } else if place.question.type != .integer {
                    findings.error("S035", "'repeat' counts with '\(count)', which must be an integer question, not \(place.question.type.article) \(place.question.type.rawValue)",
                                   at: here, length: count.count)
                } else if let max = place.question.max.map({ SurveyLimits.whole($0.value) }) {
                    if max > (rule.max ?? SurveyLimits.maxRepeat) {
                        findings.error("S035", "'\(count)' allows up to \(max), more than the \(rule.max ?? SurveyLimits.maxRepeat) times this section can be asked; give '\(count)' 'max: \(rule.max ?? SurveyLimits.maxRepeat)' or less",
                                       at: place.question.max?.location ?? here)
                    }
                } else {
                    findings.error("S035", "'\(count)' needs a 'max', so that the paper form prints a block for each member",
                                   at: place.question.location ?? here)
                }
            }
            if survey.repeatAddsOneByOne(section), let name = survey.repeatCountName(section), let clash = places[name] {
                findings.error("S006", "'\(name)' is the column that counts the members of '\(section.id)'; give the question another id",
                               at: clash.question.idLocation, length: name.count)
            }
            if section.questions.isEmpty {
                findings.error("S035", "a repeated section needs at least one question", at: section.location)
            }
            // `age` asked for member 2 is the column `age_2`: it must not clash with another question.
            for question in section.questions {
                for instance in 1...survey.repeatMax(section) {
                    let name = Survey.instanceName(question.id, instance)
                    if ids.contains(name) {
                        findings.error("S006", "'\(question.id)' in a repeat becomes the column '\(name)', which is also a question id; rename one",
                                       at: question.idLocation, length: question.id.count)
                        break
                    }
                }
            }
        }
    }

    /// A question outside a repeat cannot depend on one answer inside it: there is one per member.
    func checkConditionScope(_ question: Question, _ place: Place, _ places: [String: Place], _ findings: inout Findings) {
        guard let condition = question.showIf else { return }
        for test in condition.tests {
            guard let target = places[test.question], let repeatID = target.repeatID, repeatID != place.repeatID else { continue }
            findings.error("S032", "'show_if' refers to '\(test.question)', which is asked for each member of '\(repeatID)'; only questions in that section can use it",
                           at: test.questionLocation, length: test.question.count)
        }
    }

    func checkCalculation(_ calculation: Calculation, _ place: Place, _ places: [String: Place], _ findings: inout Findings) {
        guard let expression = calculation.expression else { return }
        let base = calculation.location
        func at(_ column: Int) -> SourceLocation? {
            base.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column + column - 1) }
        }
        for reference in expression.references {
            switch reference.function {
            case "count"?:
                guard let section = survey.section(reference.name), section.repeatRule != nil else {
                    findings.error("S031", "count(\(reference.name)) needs the id of a repeated section", at: at(reference.column),
                                   length: reference.name.count,
                                   notes: Suggestion.note(for: reference.name, in: survey.sections.filter { $0.repeatRule != nil }.map(\.id)))
                    continue
                }
            default:
                guard let target = places[reference.name] else {
                    findings.error("S031", "the calculation uses '\(reference.name)', which is not a question in this survey",
                                   at: at(reference.column), length: reference.name.count,
                                   notes: Suggestion.note(for: reference.name, in: places.keys.sorted()))
                    continue
                }
                if target.index >= place.index {
                    findings.error("S031", "the calculation uses '\(reference.name)', which is not an earlier question", at: at(reference.column),
                                   length: reference.name.count)
                } else if !target.question.type.isNumeric {
                    findings.error("S031", "the calculation uses '\(reference.name)', which is \(target.question.type.article) \(target.question.type.rawValue) question; only numbers can be added up",
                                   at: at(reference.column), length: reference.name.count)
                } else if reference.function == "sum" {
                    if target.repeatID == nil || target.repeatID == place.repeatID {
                        findings.error("S031", "sum(\(reference.name)) adds up a question of a repeated section, from outside that section",
                                       at: at(reference.column), length: reference.name.count)
                    }
                } else if let repeatID = target.repeatID, repeatID != place.repeatID {
                    findings.error("S032", "the calculation uses '\(reference.name)', which is asked for each member of '\(repeatID)'; use sum(\(reference.name))",
                                   at: at(reference.column), length: reference.name.count)
                }
            }
        }
    }

    func checkDefault(_ answer: DefaultAnswer, _ question: Question, _ findings: inout Findings) {
        switch answer.kind {
        case .today:
            if question.type != .date {
                findings.error("S037", "'default: today' is for a date question", at: answer.location, length: 5)
            }
        case .lastAnswer:
            break
        case .fixed(let value):
            switch question.type {
            case .integer, .decimal, .rating:
                guard let number = Double(value), question.type != .integer || number.rounded() == number else {
                    findings.error("S037", "the default of '\(question.id)' must be \(question.type == .integer ? "a whole number" : "a number")",
                                   at: answer.location, length: value.count)
                    return
                }
                if let min = question.min?.value, number < min {
                    findings.error("S037", "the default \(value) is below the minimum \(question.min?.text ?? "")", at: answer.location, length: value.count)
                }
                if let max = question.max?.value, number > max {
                    findings.error("S037", "the default \(value) is above the maximum \(question.max?.text ?? "")", at: answer.location, length: value.count)
                }
            case .date:
                if value.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) == nil {
                    findings.error("S037", "a date default is written YYYY-MM-DD, or 'today'", at: answer.location, length: value.count)
                }
            case .selectOne, .yesNo:
                let codes = survey.options(for: question).map(\.code)
                if !codes.isEmpty, !codes.contains(value) {
                    findings.error("S037", "the default '\(value)' is not a code of '\(question.id)'", at: answer.location, length: value.count,
                                   notes: Suggestion.note(for: value, in: codes))
                }
            default:
                break
            }
        }
    }

    func checkPattern(_ pattern: AnswerPattern, _ question: Question, _ findings: inout Findings) {
        guard pattern.preset == nil else { return }
        if (try? NSRegularExpression(pattern: pattern.regex)) == nil {
            findings.error("S033", "the pattern is not a regular expression that can be read; check its brackets and backslashes",
                           at: pattern.location, length: pattern.regex.count)
        } else if pattern.regex.contains("'") && pattern.regex.contains("\"") {
            findings.error("S033", "a pattern cannot hold both ' and \" (ODK could not quote it)", at: pattern.location, length: pattern.regex.count)
        } else if pattern.regex.contains("\n") {
            findings.error("S033", "a pattern must be on one line", at: pattern.location)
        } else if question.constraintMessage == nil {
            findings.error("S033", "a pattern of your own needs a 'constraint_message' that says what to type, such as \"Enter 6 digits.\"",
                           at: pattern.location, length: pattern.regex.count)
        }
    }

    func checkCascade(_ question: Question, _ place: Place, _ places: [String: Place], _ findings: inout Findings) {
        guard let filter = question.filterBy else { return }
        let here = question.filterByLocation
        guard let target = places[filter] else {
            findings.error("S034", "'filter_by' names '\(filter)', which is not a question in this survey", at: here, length: filter.count,
                           notes: Suggestion.note(for: filter, in: places.keys.sorted()))
            return
        }
        guard target.index < place.index else {
            findings.error("S034", "'filter_by' names '\(filter)', which must come before this question", at: here, length: filter.count)
            return
        }
        guard target.question.type == .selectOne else {
            findings.error("S034", "'filter_by' names '\(filter)', which must be a select_one question", at: here, length: filter.count)
            return
        }
        if let repeatID = target.repeatID, repeatID != place.repeatID {
            findings.error("S032", "'filter_by' names '\(filter)', which is asked for each member of '\(repeatID)'", at: here, length: filter.count)
            return
        }
        let parents = Set(survey.options(for: target.question).map(\.code))
        for choice in survey.baseChoices(for: question)?.choices ?? [] {
            guard let parent = choice.parent else {
                findings.error("S034", "choice '\(choice.code)' has no 'parent', so it would never be shown; give it the code of a '\(filter)' answer",
                               at: choice.location, length: choice.code.count)
                continue
            }
            if !parents.contains(parent) {
                findings.error("S034", "'\(parent)' is not a code of '\(filter)'", at: choice.parentLocation ?? choice.location,
                               length: parent.count, notes: Suggestion.note(for: parent, in: parents.sorted()))
            }
        }
    }

    /// Phones send each form over the internet; special-category answers should travel encrypted.
    func checkEncryption(_ findings: inout Findings) {
        guard survey.logic.publicKey == nil,
              let question = survey.questions.first(where: { $0.specialCategory != nil }) else { return }
        findings.warning("S218", "'\(question.id)' is special-category data, but the survey has no 'public_key', so forms sent from phones are not encrypted",
                         at: question.specialCategoryLocation ?? question.location, question: question,
                         notes: ["turn on managed encryption in ODK Central, or put the public key of a key pair in 'public_key'"])
    }
}
