import Domain
import Routes

/// A lesson as a learner reads it, on a phone first: the video (played from the privacy-friendly
/// host only once asked), the text, "Mark as done", previous and next.
public enum LessonPage {
    public static func render(_ model: LessonPageModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let activity = model.activity
        return Layout.page(title: activity.title, context, scripts: model.live == nil ? ["/js/lesson.js"] : ["/js/lesson.js", "/js/live.js"]) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohortCourse(org, model.cohortID).path)) { model.courseName }
                " › \(model.moduleTitle)"
            }
            article(.class("lesson"),
                    .data("heartbeat-url", model.isLearner ? SiteRoute.cohortActivityHeartbeat(org, model.cohortID, activity.id).path : ""),
                    .data("csrf", context.csrfToken)) {
                h1 { activity.title }
                p(.class("meta")) { facts(model) }
                if let file = model.media.video { videoFile(file, model) }
                else if let video = model.video { embed(video, title: activity.title) }
                if let live = model.live { liveSessions(live) }
                div(.class("prose")) { model.html }
                if !model.media.attachments.isEmpty { attachments(model) }
            }
            p(.class("discuss")) {
                a(.href(SiteRoute.forumDiscuss(org, model.cohortID, activity.id).path)) {
                    let noun = model.live == nil ? "lesson" : "live class"
                    switch model.discussionPosts {
                    case nil: "Discuss this \(noun) with your cohort"
                    case 1?: "Discussion about this \(noun): 1 post"
                    case let count?: "Discussion about this \(noun): \(count) posts"
                    }
                }
            }
            if model.isLearner { HelpPages.askForm(org, model.cohortID, activity: activity.id, csrf: context.csrfToken) }
            if model.isLearner {
                if let live = model.live {
                    p(.class(live.attended ? "done-note" : "hint")) {
                        live.attended ? "✓ You attended: this live class is done." : "This live class is done once you attend at least half of it."
                    }
                } else {
                    doneForm(model, csrf: context.csrfToken)
                }
            }
            nav(.class("pager"), .ariaLabel("Lessons")) {
                if let previous = model.previous {
                    a(.href(SiteRoute.cohortActivity(org, model.cohortID, previous.id).path), .class("pager-previous"), .rel("prev")) {
                        span(.class("pager-label")) { "← Previous" }
                        span(.class("pager-title")) { previous.title }
                    }
                }
                if let next = model.next {
                    a(.href(SiteRoute.cohortActivity(org, model.cohortID, next.id).path), .class("pager-next"), .rel("next")) {
                        span(.class("pager-label")) { "Next →" }
                        span(.class("pager-title")) { next.title }
                    }
                } else {
                    a(.href(SiteRoute.cohortCourse(org, model.cohortID).path), .class("pager-next")) {
                        span(.class("pager-label")) { "Back to the course" }
                        span(.class("pager-title")) { model.courseName }
                    }
                }
            }
        }
    }

    static func facts(_ model: LessonPageModel) -> String {
        let place = model.live == nil ? "Lesson \(model.number) of \(model.count)" : "Live class · activity \(model.number) of \(model.count)"
        var facts = [place, DurationText.minutes(model.activity.estimatedMinutes)]
        if model.activity.required { facts.append("required") }
        if let due = model.due { facts.append("due \(DateText.day(due))") }
        return facts.joined(separator: " · ")
    }

    static func doneForm(_ model: LessonPageModel, csrf: String) -> HTML {
        form(.method("post"), .action(SiteRoute.cohortActivityDone(model.organizationID, model.cohortID, model.activity.id).path),
             .class("done-form")) {
            Form.csrf(csrf)
            if model.state == .done {
                p(.class("done-note")) { "✓ You marked this lesson as done." }
                input(.type("hidden"), .name("done"), .value("false"))
                button(.type("submit"), .class("button-link")) { "Mark as not done" }
            } else {
                input(.type("hidden"), .name("done"), .value("true"))
                button(.type("submit"), .class("button")) { model.next == nil ? "Mark as done" : "Mark as done and continue" }
            }
        }
    }

    /// A video file of our own, played by the browser (seeking uses range requests). With the
    /// lesson's option on, `lesson.js` marks the lesson done once 90 % of it has been played.
    static func videoFile(_ file: Upload, _ model: LessonPageModel) -> HTML {
        let url = SiteRoute.file(model.organizationID, file.id, filename: file.filename).path
        let autoDone = model.isLearner && model.media.videoAutoDone && model.state != .done
        let doneURL = SiteRoute.cohortActivityDone(model.organizationID, model.cohortID, model.activity.id).path
        return figure(.class("video-file")) {
            video(.custom("controls", nil), .custom("preload", "metadata"), .custom("playsinline", nil),
                  .ariaLabel("Video: \(model.activity.title)"), .data("done-url", autoDone ? doneURL : ""),
                  .data("done-share", String(VideoCompletion.watchedShare)),
                  .data("done-text", "✓ Done: you watched the video. This lesson is marked as done.")) {
                source(.src(url), .type(file.type.mediaType))
                a(.href(url)) { "Download the video (\(UploadText.size(file.byteCount)))" }
            }
            if autoDone { figcaption(.class("meta")) { "When you have watched 90 % of the video, this lesson is marked as done." } }
        }
    }

    static func attachments(_ model: LessonPageModel) -> HTML {
        section(.class("attachments"), .aria("labelledby", "attachments-heading")) {
            h2(.id("attachments-heading")) { "Files" }
            ul(.class("file-list")) {
                for file in model.media.attachments {
                    li {
                        a(.href(SiteRoute.file(model.organizationID, file.id, filename: file.filename).path), .custom("download", nil)) {
                            file.filename
                        }
                        span(.class("meta")) { " \(file.type.label), \(UploadText.size(file.byteCount))" }
                    }
                }
            }
        }
    }

    /// A placeholder that links to the video; with scripts, a click swaps in the player. No
    /// request reaches YouTube or Vimeo before the learner asks for the video.
    static func embed(_ video: VideoSource, title: String) -> HTML {
        figure(.class("video-embed"), .data("embed-url", video.embedURL), .data("embed-title", "Video: \(title)")) {
            a(.href(video.link), .class("video-placeholder"), .rel("noopener noreferrer"), .target("_blank")) {
                span(.class("video-play"), .ariaHidden(true)) { "▶" }
                span { "Play the video (loads from \(video.providerName))" }
            }
        }
    }

    static func liveSessions(_ live: LiveActivityPart) -> HTML {
        section(.class("live-activity"), .aria("labelledby", "live-when")) {
            h2(.id("live-when")) { "When it takes place" }
            if live.cards.isEmpty {
                p(.class("empty")) {
                    live.scheduleURL == nil ? "Not scheduled yet: your trainer will set the date; you will be invited by e-mail."
                        : "Not scheduled for this cohort yet."
                }
            } else {
                LiveSessionPages.cards(live.cards)
            }
            if let url = live.scheduleURL { p { a(.href(url), .class("button-small")) { "Schedule it for this cohort" } } }
        }
    }
}
