import Diagnostics
import Testing
@testable import Toolkit

@Suite struct GroupDetailsTests {
    @Test func siteConfigurationHoldsTheGroupsDetails() {
        let file = SourceFile(path: "content/site.yml", text: """
            title: Hillside research
            group:
              organisation: Hillside Residents Association
              contact_name: Priya
              phone: 0161 496 0000
              email: research@hillside.example
              address: Hillside Centre, 2 Park Road
              data_protection_contact: The secretary, on 0161 496 0001
            """)
        let (config, diagnostics) = SiteConfig.decode(file)
        #expect(diagnostics.isEmpty)
        #expect(config.group.organisation == "Hillside Residents Association")
        #expect(config.group.phone == "0161 496 0000")
        #expect(config.group.value("data_protection_contact") == "The secretary, on 0161 496 0001")
        #expect(config.group.contactSentence == "Call Priya on 0161 496 0000 or email research@hillside.example")
    }

    @Test func unknownDetailsAreLocatedErrors() {
        let file = SourceFile(path: "content/site.yml", text: "title: X\ngroup:\n  phnoe: 1\n")
        let (config, diagnostics) = SiteConfig.decode(file)
        #expect(diagnostics.map(\.location?.description) == ["content/site.yml:3:3"])
        #expect(diagnostics.first?.notes.first == "did you mean 'phone'?")
        // The build stops on the error; meanwhile the misspelt key is read as 'phone', so nothing else fails with it.
        #expect(config.group.phone == "1")
        #expect(GroupDetails().contactSentence == nil)
    }

    @Test func aPlaceholderForADetailThatDoesNotExistIsAnError() {
        let diagnostics = GroupPlaceholderCheck.check([
            "toolkit-modules/a/p.md": "Call {{group.contact_name}} on\n{{group.phnoe}} now.\n",
            "toolkit-modules/a/surveys/s.survey.yml": "contact: \"{{group.phone}}\"\n",
        ])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location?.description == "toolkit-modules/a/p.md:2:1")
        #expect(diagnostics.first?.message == "'{{group.phnoe}}' is not a group detail")
        #expect(diagnostics.first?.notes.first == "did you mean 'phone'?")
    }
}
