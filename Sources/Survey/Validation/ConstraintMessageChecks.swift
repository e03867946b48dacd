import Diagnostics

/// A `constraint_message` is shown when an answer breaks a limit; with no limit it is never shown,
/// which usually means the limit itself was left out.
struct ConstraintMessageChecks {
    let survey: Survey

    /// The limits a question's answers can break: add new kinds of constraint here.
    static func hasConstraint(_ question: Question) -> Bool {
        question.min != nil || question.max != nil || question.minLength != nil || question.maxLength != nil
            || question.pattern != nil
    }

    func run(_ findings: inout Findings) {
        for question in survey.questions where question.constraintMessage != nil && !Self.hasConstraint(question) {
            findings.warning("S240", "'constraint_message' is never shown: question '\(question.id)' has no limit for it to explain",
                             at: question.constraintMessage?.location, question: question,
                             notes: ["add the limit (such as 'min', 'max' or 'max_length') or remove the message"])
        }
    }
}
