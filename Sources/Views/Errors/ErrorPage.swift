import Routes

public enum ErrorPage {
    public static func render(status: Int, message: String, _ context: LayoutContext) -> [UInt8] {
        let heading = switch status {
        case 404: "Page not found"
        case 403: "Not allowed"
        case 413: "Too large"
        case 429: "Too many requests"
        case 500...: "Something went wrong"
        default: "That did not work"
        }
        return Layout.page(title: heading, context) {
            section(.class("card narrow")) {
                h1 { heading }
                p { message }
                p { a(.href(SiteRoute.home.path)) { "Go to the home page" } }
            }
        }
    }
}
