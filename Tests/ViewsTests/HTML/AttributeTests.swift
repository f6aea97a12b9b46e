import Testing
@testable import Views

@Suite("HTML attributes")
struct AttributeTests {
    static let cases: [(Attribute, String)] = [
        (.class("c"), "class=\"c\""), (.id("i"), "id=\"i\""), (.href("/p"), "href=\"/p\""),
        (.src("/i.png"), "src=\"/i.png\""), (.alt("a"), "alt=\"a\""), (.type("email"), "type=\"email\""),
        (.name("n"), "name=\"n\""), (.value("v"), "value=\"v\""), (.value(3), "value=\"3\""),
        (.for("x"), "for=\"x\""), (.action("/f"), "action=\"/f\""), (.method("post"), "method=\"post\""),
        (.enctype("multipart/form-data"), "enctype=\"multipart/form-data\""),
        (.accept("image/*"), "accept=\"image/*\""), (.required, "required"), (.disabled, "disabled"),
        (.checked, "checked"), (.selected, "selected"), (.readonly, "readonly"),
        (.autofocus, "autofocus"), (.multiple, "multiple"), (.hidden, "hidden"), (.defer, "defer"),
        (.autocomplete("username"), "autocomplete=\"username\""), (.placeholder("p"), "placeholder=\"p\""),
        (.min(1), "min=\"1\""), (.min("2024-01-01"), "min=\"2024-01-01\""), (.max(9), "max=\"9\""),
        (.max("z"), "max=\"z\""), (.step(2), "step=\"2\""), (.step("any"), "step=\"any\""),
        (.minlength(8), "minlength=\"8\""), (.maxlength(80), "maxlength=\"80\""),
        (.pattern("[0-9]+"), "pattern=\"[0-9]+\""), (.rows(4), "rows=\"4\""), (.cols(40), "cols=\"40\""),
        (.rel("stylesheet"), "rel=\"stylesheet\""), (.lang("en"), "lang=\"en\""),
        (.charset("utf-8"), "charset=\"utf-8\""), (.content("c"), "content=\"c\""),
        (.title("t"), "title=\"t\""), (.role("alert"), "role=\"alert\""), (.tabindex(-1), "tabindex=\"-1\""),
        (.datetime("2024-05-01"), "datetime=\"2024-05-01\""), (.colspan(2), "colspan=\"2\""),
        (.rowspan(3), "rowspan=\"3\""), (.target("_blank"), "target=\"_blank\""),
        (.width(10), "width=\"10\""), (.height(20), "height=\"20\""), (.loading("lazy"), "loading=\"lazy\""),
        (.aria("controls", "m"), "aria-controls=\"m\""), (.ariaLabel("l"), "aria-label=\"l\""),
        (.ariaCurrent("page"), "aria-current=\"page\""), (.ariaDescribedby("h"), "aria-describedby=\"h\""),
        (.ariaInvalid(true), "aria-invalid=\"true\""), (.ariaLive("polite"), "aria-live=\"polite\""),
        (.ariaHidden(true), "aria-hidden=\"true\""), (.ariaExpanded(false), "aria-expanded=\"false\""),
        (.data("room-id", "7"), "data-room-id=\"7\""), (.custom("inputmode", "numeric"), "inputmode=\"numeric\""),
        (.custom("novalidate", nil), "novalidate"),
    ]

    @Test(arguments: cases.indices)
    func rendersAttribute(index: Int) {
        let (attribute, expected) = Self.cases[index]
        #expect(br(attribute).render() == "<br \(expected)>")
    }

    /// A flag renders when on and leaves nothing behind when off.
    @Test(arguments: [true, false])
    func conditionalBooleanAttributes(on: Bool) {
        // Each flag by its function, called with `on`: the switch itself is what is tested.
        let makers: [((Bool) -> Attribute, String)] = [(Attribute.checked, "checked"), (Attribute.disabled, "disabled"),
                                                       (Attribute.required, "required"), (Attribute.selected, "selected"),
                                                       (Attribute.readonly, "readonly"), (Attribute.hidden, "hidden")]
        for (make, name) in makers {
            #expect(input(make(on)).render() == (on ? "<input \(name)>" : "<input>"))
        }
        let disabling: (Bool) -> Attribute = Attribute.disabled
        #expect(input(.checked, disabling(!on), .selected).render() == (on ? "<input checked selected>" : "<input checked disabled selected>"))
    }

    @Test func inputFromTheBrief() {
        let field = input(.type("email"), .name("email"), .id("email"), .value("a@b.c"), .required,
                          .autocomplete("username"))
        #expect(field.render()
            == "<input type=\"email\" name=\"email\" id=\"email\" value=\"a@b.c\" required autocomplete=\"username\">")
    }

    @Test(arguments: ["class", "data-x", "aria-label", "x:lang", "inputmode", "A1-b"])
    func allowedNames(name: String) {
        #expect(Attribute.isAllowedName(name))
    }

    @Test(arguments: [
        "onclick", "OnLoad", "onerror", "style", "STYLE", "href", "src", "action", "formaction", "srcdoc",
        "xlink:href", "", "1a", "-a", "a b", "a=b", "a\"", "a>", "a'", "data-x y", "é", "a/b",
    ])
    func refusedNames(name: String) {
        #expect(!Attribute.isAllowedName(name))
    }

    @Test func customOnclickTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Attribute.custom("onclick", "alert(1)")
        }
    }

    @Test func customStyleTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Attribute.custom("style", "color:red")
        }
    }

    @Test func dataWithBadNameTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Attribute.data("x onload=alert(1) y", "1")
        }
    }
}
