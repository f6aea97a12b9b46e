import Domain
import Routes

public struct LessonEditorModel: Sendable {
    public var organizationID: Organization.ID
    public var courseID: Course.ID
    public var courseName: String
    public var moduleTitle: String
    public var activity: Activity
    public var markdown: String
    public var videoLink: String
    /// The Markdown as learners will see it: the saved lesson, or the text being previewed.
    public var preview: TrustedHTML
    public var state: Form.State
    /// The uploaded video and attachments; the images uploaded from this editor, to insert.
    public var media: LessonMedia = .none
    public var images: [Upload] = []
    public var limits: UploadLimits = .standard
    /// A refused upload: the form it came from, and why.
    public var uploadProblem: UploadProblem?

    public struct UploadProblem: Sendable {
        public let kind: UploadKind
        public let message: String
        public init(kind: UploadKind, message: String) { self.kind = kind; self.message = message }
    }

    public init(organizationID: Organization.ID, courseID: Course.ID, courseName: String, moduleTitle: String,
                activity: Activity, markdown: String, videoLink: String, preview: TrustedHTML, state: Form.State = .empty) {
        self.organizationID = organizationID; self.courseID = courseID; self.courseName = courseName
        self.moduleTitle = moduleTitle; self.activity = activity; self.markdown = markdown; self.videoLink = videoLink
        self.preview = preview; self.state = state
    }
}

/// Writing a lesson: its frame (title, duration, required, due) and its content in Markdown, with
/// a preview that follows the typing when scripts run and a Preview button when they do not.
public enum LessonEditorPage {
    public static func render(_ model: LessonEditorModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let activity = model.activity
        let state = model.state
        return Layout.page(title: "Edit \(activity.title)", context, scripts: ["/js/markdown-preview.js", "/js/uploads.js"]) {
            ActivityHeader.editor(organizationID: org, courseID: model.courseID, courseName: model.courseName, activity: activity,
                                  moduleTitle: model.moduleTitle)
            Form.errorSummary(state)
            if let problem = model.uploadProblem {
                div(.class("flash flash-error"), .role("alert")) { p { problem.message } }
            }
            form(.method("post"), .action(SiteRoute.activityEdit(org, model.courseID, activity.id).path), .class("lesson-editor")) {
                Form.csrf(context.csrfToken)
                ActivityFrameFields.render(activity, state: state)
                div(.class("editor-columns")) {
                    div(.class("field" + (state.error("markdown") == nil ? "" : " field-invalid"))) {
                        label(.for("markdown")) { "Content" }
                        p(.class("hint"), .id("markdown-hint")) {
                            "Markdown: **bold**, *italic*, # headings, - lists, [links](https://…), ![images](https://…), tables, ``` code."
                        }
                        textarea(.name("markdown"), .id("markdown"), .rows(18), .ariaDescribedby("markdown-hint"),
                                 .data("preview-target", "lesson-preview"),
                                 .data("preview-url", SiteRoute.markdownPreview(org).path)) { model.markdown }
                        if let error = state.error("markdown") { p(.class("field-error")) { error } }
                    }
                    section(.class("preview"), .aria("labelledby", "preview-heading")) {
                        h2(.id("preview-heading"), .class("preview-heading")) { "Preview" }
                        div(.id("lesson-preview"), .class("prose"), .ariaLive("polite")) { model.preview }
                    }
                }
                Form.field("Video link (YouTube or Vimeo)", name: "video_url", type: "url", state: state,
                           value: model.videoLink, required: false, autocomplete: "off",
                           hint: "Learners see it above the text, played from the privacy-friendly player. A link replaces an uploaded video file.")
                div(.class("field")) {
                    label(.class("check")) {
                        input(.type("checkbox"), .name("video_auto_done"), .value("on"),
                              .checked(state.values.isEmpty ? model.media.videoAutoDone : state.values["video_auto_done"] == "on"))
                        "Mark the lesson as done when a learner has watched the uploaded video to 90 %"
                    }
                }
                div(.class("form-actions")) {
                    button(.type("submit"), .name("intent"), .value("save"), .class("button")) { "Save lesson" }
                    button(.type("submit"), .name("intent"), .value("preview"), .class("button-secondary preview-button")) { "Preview" }
                }
            }
            LessonEditorUploads.render(model, csrf: context.csrfToken)
        }
    }
}
