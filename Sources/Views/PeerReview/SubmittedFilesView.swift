import Domain
import Routes

/// The files of a learner's work: a download list, and for their author while it may still
/// change, a remove button on each and the form that adds one more.
enum SubmittedFilesView {
    static func list(_ files: [SubmittedFile], removing remove: ((SubmittedFile) -> String)? = nil, csrf: String = "") -> HTML {
        ul(.class("file-list work-files")) {
            for file in files {
                li {
                    a(.href(file.href), .custom("download", nil)) { file.name }
                    span(.class("meta")) { " \(file.type.label), \(UploadText.size(file.byteCount)) " }
                    if let remove {
                        form(.method("post"), .action(remove(file)), .class("inline-form")) {
                            Form.csrf(csrf)
                            button(.type("submit"), .class("button-link"), .ariaLabel("Remove \(file.name)")) { "Remove" }
                        }
                    }
                }
            }
        }
    }

    /// The author's files while the work may change: listed with remove buttons, then the form
    /// for one more (a plain multipart form: adding a file reloads the page).
    static func editor(_ model: PeerAssignmentPageModel, csrf: String) -> HTML {
        let frame = model.frame
        let org = frame.organizationID, cohort = frame.cohortID, activity = frame.activity.id
        let room = PeerReviewLimits.filesPerSubmission - model.files.count
        return div(.class("work-files-editor")) {
            h3 { "Files" }
            if model.submission == nil {
                p(.class("hint")) { model.files.isEmpty ? "No files yet. Files you add stay private until you hand in." : "Files stay private until you hand in." }
            } else if model.files.isEmpty {
                p(.class("hint")) { "No files." }
            }
            if !model.files.isEmpty {
                list(model.files, removing: { SiteRoute.peerSubmissionFileRemove(org, cohort, activity, $0.id).path }, csrf: csrf)
            }
            if room > 0 {
                form(.method("post"), .action(SiteRoute.peerSubmissionFiles(org, cohort, activity).path), .enctype("multipart/form-data"),
                     .class("work-file-form")) {
                    // The token first: the server checks it before it stores a byte of the file.
                    Form.csrf(csrf)
                    div(.class("field")) {
                        label(.for("work-file")) { "Add a file" }
                        p(.class("hint"), .id("work-file-hint")) {
                            "Documents (\(UploadText.accepted(.attachment))) or images, up to \(UploadText.size(model.fileLimit)) each;"
                                + " \(room) more at most."
                        }
                        input(.type("file"), .name("file"), .id("work-file"), .required, .ariaDescribedby("work-file-hint"),
                              .accept(UploadText.acceptAttribute(.attachment) + "," + UploadText.acceptAttribute(.image)))
                    }
                    button(.type("submit"), .class("button-secondary")) { "Add the file" }
                }
            } else {
                p(.class("hint")) { "That is the most files work can have: remove one to add another." }
            }
        }
    }
}
