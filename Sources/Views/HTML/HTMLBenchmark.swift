/// The page the builder's speed target is measured on (≤ 30 µs per build and render): a layout
/// shell with head and navigation, and a table with one row per element of `rows`, four cells a row,
/// the first a link. Public so the benchmark can run from the real executable, not only a scratch one.
public enum HTMLBenchmark {
    /// `rows` are (id, title, teacher, status); the 50-row figure uses 50 of them.
    public static func fiftyRowPage(rows: [(String, String, String, String)]) -> [UInt8] {
        document(lang: "en") {
            meta(.charset("utf-8"))
            meta(.name("viewport"), .content("width=device-width, initial-scale=1"))
            title { "Courses · Atelier" }
            link(.rel("stylesheet"), .href("/css/app.css"))
            script(.type("module"), .src("/js/app.js"))
        } body: {
            header(.class("site-header")) {
                a(.href("/"), .class("brand")) { "Atelier" }
                nav(.ariaLabel("Main")) {
                    ul(.class("nav")) {
                        li { a(.href("/courses"), .ariaCurrent("page")) { "Courses" } }
                        li { a(.href("/cohorts")) { "Cohorts" } }
                        li { a(.href("/forums")) { "Forums" } }
                        li { a(.href("/account")) { "Account" } }
                    }
                }
            }
            main(.id("content")) {
                h1 { "Courses" }
                table(.class("table")) {
                    caption { "All courses" }
                    thead {
                        tr { th { "Course" }; th { "Teacher" }; th { "Status" }; th { "ID" } }
                    }
                    tbody {
                        for row in rows {
                            tr {
                                td { a(.href("/courses/" + row.0)) { row.1 } }
                                td { row.2 }
                                td { span(.class("badge")) { row.3 } }
                                td { code { row.0 } }
                            }
                        }
                    }
                }
            }
            footer(.class("site-footer")) { small { "© Atelier" } }
        }.renderBytes()
    }
}
