/// The web form's part of form logic: repeated sections member by member, calculations, defaults,
/// cascades and required messages, as values that `survey.js` reads.
extension WebFormBuilder {
    /// A fixed default as the input's starting value, so that "Clear" (form reset) brings it back.
    static func fixedDefault(_ question: Question) -> String? {
        guard case .fixed(let value)? = question.defaultAnswer?.kind else { return nil }
        return value
    }

    static func isDefault(_ code: String, of question: Question) -> Bool {
        fixedDefault(question) == code
    }

    func addLogic(_ question: Question, member: AskedQuestion?, to view: inout WebQuestionView) {
        switch question.defaultAnswer?.kind {
        case .today?: view.defaultSource = "today"
        case .lastAnswer?: view.defaultSource = "last_answer"
        default: break
        }
        if question.required, let message = question.requiredMessage {
            view.requiredMessage = message.text(in: language)
        }
        if let expression = question.calculation?.expression {
            var local: Set<String> = []
            if let member, let section = survey.section(member.sectionID) { local = Set(section.questions.map(\.id)) }
            view.calculateJSON = Self.json(CalcOutput.json(expression, in: survey, local: local, instance: member?.instance))
        }
    }

    /// One block per member, numbered. Members past the count (or not yet added) are hidden by the script;
    /// without it every block shows, as on paper.
    func repeatBlock(_ section: Section) -> WebRepeatView {
        var byInstance: [Int: [AskedQuestion]] = [:]
        for asked in members[section.id] ?? [] { byInstance[asked.instance ?? 1, default: []].append(asked) }
        let local = Set(section.questions.map(\.id))
        let items = (1...survey.repeatMax(section)).map { instance in
            WebRepeatItemView(number: instance, heading: text(survey.memberHeading(section, instance)),
                              questions: (byInstance[instance] ?? []).map { asked in
                let shown: Condition?? = .some(asked.source.showIf.map { Survey.renamed($0, local: local, instance: instance) })
                return question(asked.question, shownCondition: shown, member: asked)
            })
        }
        let heading = text(section.itemLabel ?? section.title ?? LocalizedText(section.id))
        return WebRepeatView(sectionID: section.id, countName: survey.repeatCountName(section) ?? section.id,
                             max: survey.repeatMax(section), addsOneByOne: survey.repeatAddsOneByOne(section), items: items,
                             addLabel: "\(say(.logicAddAnother)): \(heading)", removeLabel: say(.logicRemoveLast))
    }
}
