import Domain
import Foundation
import Routes

/// A help request's way to the forum, on its card: staff suggest asking the whole group and see
/// what the learner chose; the learner posts it (their name hidden from peers if they wish and
/// the cohort allows it) or keeps it private.
enum HelpForumViews {
    /// Where it stands, under the request: the forum question it became, or (for staff) the
    /// suggestion waiting or declined.
    static func status(_ item: HelpItem, _ model: HelpPageModel) -> HTML {
        let proposer = item.forumProposerName ?? "A trainer"
        return HTML {
            if let thread = item.forumThread {
                p(.class("help-forum")) {
                    model.isStaff ? "\(item.learnerName) asked it in the forum: " : "You asked it in the forum: "
                    a(.href(thread.url)) { thread.title }
                }
            } else if model.isStaff, let proposal = item.request.forum {
                if case .declined(let at) = proposal.state {
                    p(.class("help-forum meta")) {
                        "\(proposer) suggested asking the whole group; \(item.learnerName) chose to keep it private (\(DateText.dayAndTime(at)))."
                    }
                } else {
                    p(.class("help-forum meta")) {
                        "\(proposer) suggested asking the whole group on \(DateText.dayAndTime(proposal.proposedAt))"
                        item.request.status == .resolved ? "." : ": waiting for \(item.learnerName) to choose."
                    }
                }
            }
        }
    }

    /// After the private answer: staff suggest the forum; the learner answers a suggestion.
    static func actions(_ item: HelpItem, _ model: HelpPageModel, csrf: String) -> HTML {
        HTML {
            if model.isStaff {
                if model.canAnswer, item.request.forum == nil, item.request.status != .resolved { proposeForm(item, model, csrf: csrf) }
            } else if item.request.awaitsForumChoice, let proposal = item.request.forum {
                choice(item, proposal, model, csrf: csrf)
            }
        }
    }

    /// Staff: "Suggest asking the whole group", folded until opened.
    static func proposeForm(_ item: HelpItem, _ model: HelpPageModel, csrf: String) -> HTML {
        let id = item.request.id.description
        let state = model.forumForms[id] ?? .empty
        return details(.class("help-ask"), .open(!state.errors.isEmpty)) {
            summary { "Suggest asking the whole group" }
            form(.method("post"), .action(SiteRoute.help(model.organizationID, model.cohortID, .proposeForum(id)).path)) {
                Form.csrf(csrf)
                Form.textArea("A short note to \(item.learnerName) (optional)", name: "note", state: state, rows: 2, idPrefix: "forum-\(id)-")
                p(.class("hint")) {
                    "\(item.learnerName) is asked whether to post it in the forum as a question"
                    model.anonymousAllowed ? ", with their name hidden from other learners if they wish. " : ". "
                    "Nothing is posted unless they choose to."
                }
                Form.submit("Suggest the forum")
            }
        }
    }

    /// The learner: the suggestion, and the two choices.
    static func choice(_ item: HelpItem, _ proposal: HelpForumProposal, _ model: HelpPageModel, csrf: String) -> HTML {
        let request = item.request, id = request.id.description, org = model.organizationID
        var state = model.forumForms[id] ?? .empty
        if state.values["title"] == nil { state.values["title"] = HelpForumQuestion.suggestedTitle(for: request.text) }
        let heading = "forum-\(id)-heading", decline = "forum-\(id)-decline"
        return section(.class("card help-forum"), .aria("labelledby", heading)) {
            h3(.id(heading), .class("card-title")) { "\(item.forumProposerName ?? "Your trainer") suggests asking the whole group" }
            if !proposal.note.isEmpty { blockquote(.class("help-quote")) { proposal.note } }
            p {
                "Others may be stuck on the same thing, and everyone learns from the answers. "
                "Nothing is posted unless you choose to."
            }
            Form.errorSummary(state)
            form(.method("post"), .action(SiteRoute.help(org, model.cohortID, .postToForum(id)).path)) {
                Form.csrf(csrf)
                Form.field("Title of your question", name: "title", state: state,
                           hint: "Posted as a question in the " + (item.activityTitle.map { "forum, about “\($0)”" } ?? "forum's general space")
                               + ": your words and the passage you pointed at, as you wrote them.",
                           idPrefix: "forum-\(id)-", extra: [.maxlength(ForumInput.maximumTitle)])
                if model.anonymousAllowed {
                    div(.class("field checkbox")) {
                        input(.type("checkbox"), .name("anonymous"), .id("forum-\(id)-anonymous"), .value("on"),
                              .checked(state.values["anonymous"] == "on"))
                        label(.for("forum-\(id)-anonymous")) { "Hide my name from other learners (your trainers still see it)" }
                    }
                }
                div(.class("form-actions")) {
                    Form.submit("Post it in the forum")
                    // Side by side, but sent with its own form: declining needs no title.
                    button(.type("submit"), .class("button-secondary"), .form(decline)) { "Keep it private" }
                }
            }
            form(.method("post"), .action(SiteRoute.help(org, model.cohortID, .declineForum(id)).path), .id(decline)) {
                Form.csrf(csrf)
            }
        }
    }
}
