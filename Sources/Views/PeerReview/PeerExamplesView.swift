import Domain
import Routes

/// The graded examples learners calibrate on (up to three), in the assignment's editor: each
/// with the levels the trainer gave it, and a form to add one graded on the saved rubric.
enum PeerExamplesView {
    static func render(_ model: PeerAssignmentEditorModel, csrf: String) -> HTML {
        let org = model.organizationID, course = model.courseID, activity = model.activity.id
        let state = model.exampleState
        return section(.class("card"), .id("examples"), .aria("labelledby", "examples-heading")) {
            h2(.id("examples-heading"), .class("card-title")) { "Examples for calibration" }
            p(.class("hint")) {
                "With calibration on, each learner assesses one of these before reviewing peers, then sees your assessment. Grade 1 to 3 examples on the saved rubric."
            }
            for example in model.examples {
                article(.class("received-review")) {
                    if !example.fits { p(.class("field-error")) { "The rubric changed since this example was graded: learners do not get it. Delete it and grade it again." } }
                    div(.class("prose submission")) { Markdown.render(example.text) }
                    if example.fits { AssessmentView.render(example.assessment, rubric: model.settings.rubric) }
                    form(.method("post"), .action(SiteRoute.peerExampleDelete(org, course, activity, example.id).path), .class("inline-form")) {
                        Form.csrf(csrf)
                        button(.type("submit"), .class("button-small button-secondary")) { "Delete this example" }
                    }
                }
            }
            if model.examples.count < 3 {
                Form.errorSummary(state)
                form(.method("post"), .action(SiteRoute.peerExamples(org, course, activity).path), .class("rubric-form")) {
                    Form.csrf(csrf)
                    Form.textArea("A new example (Markdown)", name: "example_text", state: state, required: true, rows: 6)
                    if let error = state.error("example_levels") { p(.class("field-error")) { error } }
                    for (i, criterion) in model.settings.rubric.criteria.enumerated() {
                        PeerReviewPage.criterionField(i, criterion, values: state.values, comments: false)
                    }
                    Form.textArea("Your comment, shown to learners after they assess it", name: "overall", state: state, rows: 3)
                    button(.type("submit"), .class("button-secondary")) { "Save the example" }
                }
            }
        }
    }
}
