import Diagnostics
import Yams

/// `group:` in `content/site.yml`: who runs the research, printed on surveys, consent forms,
/// information sheets and the privacy notice. A detail left out prints as a blank to fill in by hand.
public struct GroupDetails: Sendable, Hashable {
    public var organisation: String?
    public var contactName: String?
    public var phone: String?
    public var email: String?
    public var address: String?
    public var dataProtectionContact: String?

    public init(organisation: String? = nil, contactName: String? = nil, phone: String? = nil, email: String? = nil,
                address: String? = nil, dataProtectionContact: String? = nil) {
        self.organisation = organisation
        self.contactName = contactName
        self.phone = phone
        self.email = email
        self.address = address
        self.dataProtectionContact = dataProtectionContact
    }

    /// The keys, as written in `site.yml` and in `{{group.…}}` placeholders in pages.
    public static let keys = ["organisation", "contact_name", "phone", "email", "address", "data_protection_contact"]

    public func value(_ key: String) -> String? {
        switch key {
        case "organisation": return organisation
        case "contact_name": return contactName
        case "phone": return phone
        case "email": return email
        case "address": return address
        case "data_protection_contact": return dataProtectionContact
        default: return nil
        }
    }

    /// How a missing detail is named on its blank line: "Phone: ________".
    public static func label(_ key: String) -> String {
        switch key {
        case "organisation": return "Organisation"
        case "contact_name": return "Contact name"
        case "phone": return "Phone"
        case "email": return "Email"
        case "address": return "Address"
        default: return "Data protection contact"
        }
    }

    /// "Call Jo Bloggs on 0151 … or email …", using only what is set; nil when nothing is.
    public var contactSentence: String? {
        var parts: [String] = []
        if let phone { parts.append("call \(contactName.map { "\($0) on " } ?? "")\(phone)") }
        if let email { parts.append("email \(email)") }
        if parts.isEmpty, let contactName { parts.append("ask for \(contactName)") }
        guard !parts.isEmpty else { return nil }
        let sentence = parts.joined(separator: " or ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst()
    }

    static func decode(_ node: Node, reader: YAMLReader, diagnostics: inout [Diagnostic]) -> GroupDetails {
        guard var map = reader.mapping(node, what: "group details", diagnostics: &diagnostics) else { return GroupDetails() }
        diagnostics += map.unknownKeys(allowed: keys)
        func text(_ key: String) -> String? {
            map.string(key, diagnostics: &diagnostics).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return GroupDetails(organisation: text("organisation"), contactName: text("contact_name"), phone: text("phone"),
                            email: text("email"), address: text("address"), dataProtectionContact: text("data_protection_contact"))
    }
}
