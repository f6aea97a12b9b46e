import Domain
import Routes

/// The lesson editor's files: the video file, images to show in the text, documents to download.
/// Each is a plain multipart form (it works without scripts: the page reloads); `uploads.js`
/// sends them in the background with a progress bar and offers to insert an image's Markdown.
enum LessonEditorUploads {
    static func render(_ model: LessonEditorModel, csrf: String) -> HTML {
        let org = model.organizationID
        let edit = { (route: SiteRoute) in route.path }
        return section(.class("uploads"), .aria("labelledby", "uploads-heading"),
                       .data("text-uploading", "Uploading…"), .data("text-failed", "The upload failed. Nothing was stored; try again."),
                       .data("text-offline", "The upload did not reach the server. Check the connection and try again."),
                       .data("text-insert", "Insert in the text"), .data("text-remove", "Remove"),
                       .data("text-choose", "Choose a file first.")) {
            h2(.id("uploads-heading")) { "Video, images and files" }
            p(.class("hint upload-reload-hint")) { "Uploading reloads this page: save your text first." }
            section(.id("uploads-video"), .class("upload-group"), .aria("labelledby", "uploads-video-heading")) {
                h3(.id("uploads-video-heading")) { "Video file" }
                if let video = model.media.video {
                    div(.class("upload-current")) {
                        "Learners watch "
                        a(.href(SiteRoute.file(org, video.id, filename: video.filename).path)) { video.filename }
                        " (\(video.type.label), \(UploadText.size(video.byteCount))). "
                        form(.method("post"), .action(edit(.activityVideoRemove(org, model.courseID, model.activity.id))), .class("inline-form")) {
                            Form.csrf(csrf)
                            button(.type("submit"), .class("button-link")) { "Remove the video file" }
                        }
                    }
                } else {
                    p(.class("upload-current")) { "No video file. Upload one, or paste a YouTube or Vimeo link above." }
                }
                uploadForm(model, .video, label: model.media.video == nil ? "Video file" : "Replace the video file",
                           button: "Upload video", csrf: csrf)
            }
            section(.id("uploads-image"), .class("upload-group"), .aria("labelledby", "uploads-image-heading")) {
                h3(.id("uploads-image-heading")) { "Images" }
                uploadForm(model, .image, label: "Image", button: "Upload image", csrf: csrf) {
                    Form.field("Description (alt text)", name: "alt", required: false, autocomplete: "off",
                               hint: "What the image shows, for people who cannot see it.", idPrefix: "image-")
                }
                ul(.class("upload-list image-list"), .data("markdown-target", "markdown")) {
                    for image in model.images { imageItem(image, org: org) }
                }
            }
            section(.id("uploads-attachment"), .class("upload-group"), .aria("labelledby", "uploads-attachment-heading")) {
                h3(.id("uploads-attachment-heading")) { "Files to download" }
                if model.media.attachments.isEmpty {
                    p(.class("upload-current")) { "No files yet. Learners will find them under the lesson." }
                }
                ol(.class("upload-list attachment-list")) {
                    for file in model.media.attachments {
                        li {
                            a(.href(SiteRoute.file(org, file.id, filename: file.filename).path)) { file.filename }
                            span(.class("meta")) { " \(file.type.label), \(UploadText.size(file.byteCount)) " }
                            form(.method("post"), .action(edit(.activityAttachmentRemove(org, model.courseID, model.activity.id, file.id))),
                                 .class("inline-form")) {
                                Form.csrf(csrf)
                                button(.type("submit"), .class("button-link"), .ariaLabel("Remove \(file.filename)")) { "Remove" }
                            }
                        }
                    }
                }
                uploadForm(model, .attachment, label: "Document", button: "Upload file", csrf: csrf)
            }
        }
    }

    static func imageItem(_ image: Upload, org: Organization.ID) -> HTML {
        let snippet = UploadText.markdown(for: image, in: org)
        return li {
            img(.src(SiteRoute.file(org, image.id, filename: image.filename).path), .alt(""), .loading("lazy"), .class("upload-thumb"))
            code(.class("markdown-snippet")) { snippet }
            button(.type("button"), .class("button-secondary insert-button"), .data("insert", snippet), .hidden) { "Insert in the text" }
        }
    }

    static func uploadForm(_ model: LessonEditorModel, _ kind: UploadKind, label text: String, button title: String, csrf: String,
                           @HTMLBuilder fields: () -> HTML = { .empty }) -> HTML {
        let id = "upload-\(kind.rawValue)"
        let limit = model.limits.bytes(for: kind)
        let problem = model.uploadProblem?.kind == kind ? model.uploadProblem : nil
        return form(.method("post"), .action(SiteRoute.activityUpload(model.organizationID, model.courseID, model.activity.id, kind).path),
                    .enctype("multipart/form-data"), .class("upload-form"), .data("max-bytes", String(limit)),
                    .data("too-large", UploadText.refusal(.tooLarge(limit: limit), kind: kind))) {
            // The token first: the server checks it before it stores a byte of the file.
            Form.csrf(csrf)
            fields()
            div(.class(problem == nil ? "field" : "field field-invalid")) {
                label(.for(id)) { text }
                p(.class("hint"), .id(id + "-hint")) { "\(UploadText.accepted(kind)), up to \(UploadText.size(limit))." }
                input(.type("file"), .name("file"), .id(id), .accept(UploadText.acceptAttribute(kind)), .required,
                      .ariaDescribedby(problem == nil ? id + "-hint" : id + "-hint \(id)-error"), .ariaInvalid(problem != nil))
                if let problem { p(.class("field-error"), .id(id + "-error")) { problem.message } }
            }
            progress(.class("upload-progress"), .max(100), .custom("value", "0"), .hidden, .ariaLabel("Upload progress"))
            p(.class("upload-status"), .ariaLive("polite"))
            button(.type("submit"), .class("button-secondary")) { title }
        }
    }
}
