/// Builds an `HTML` fragment from a block of children.
///
/// Accepts `HTML`, `String` (escaped text), `Int` (as text), `TrustedHTML` (raw), optionals of
/// those (nil renders nothing), `[HTML]`, `if`/`else`, `if let`, `switch`, `for`-`in` and empty
/// blocks. Children are kept as a list, not concatenated, so each byte is copied only into the
/// enclosing element's buffer.
@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ expression: HTML) -> HTML {
        expression
    }

    public static func buildExpression(_ expression: String) -> HTML {
        HTML(expression)
    }

    public static func buildExpression(_ expression: Int) -> HTML {
        HTML(String(expression))
    }

    public static func buildExpression(_ expression: TrustedHTML) -> HTML {
        HTML(expression)
    }

    public static func buildExpression(_ expression: HTML?) -> HTML {
        expression ?? .empty
    }

    public static func buildExpression(_ expression: String?) -> HTML {
        expression.map(HTML.init(_:)) ?? .empty
    }

    public static func buildExpression(_ expression: [HTML]) -> HTML {
        HTML(list: expression)
    }

    public static func buildBlock() -> HTML {
        .empty
    }

    /// The common one-child block, without the array a variadic call would allocate.
    public static func buildBlock(_ component: HTML) -> HTML {
        component
    }

    public static func buildBlock(_ components: HTML...) -> HTML {
        HTML(list: components)
    }

    public static func buildOptional(_ component: HTML?) -> HTML {
        component ?? .empty
    }

    public static func buildEither(first component: HTML) -> HTML {
        component
    }

    public static func buildEither(second component: HTML) -> HTML {
        component
    }

    public static func buildArray(_ components: [HTML]) -> HTML {
        HTML(list: components)
    }

    public static func buildLimitedAvailability(_ component: HTML) -> HTML {
        component
    }
}
