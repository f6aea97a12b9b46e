import Domain
import Foundation
import Routes

public struct LiveRoomModel: Sendable {
    public var card: LiveSessionCard
    public var isHost: Bool
    /// The STUN/TURN servers, as JSON for RTCPeerConnection.
    public var iceServers: String
    /// Where to go when the room is full (the company's Jitsi), if anywhere.
    public var fallback: String?

    public init(card: LiveSessionCard, isHost: Bool, iceServers: String, fallback: String?) {
        self.card = card; self.isHost = isHost; self.iceServers = iceServers; self.fallback = fallback
    }
}

/// The built-in room: first a preview with the device pickers and "join with my microphone
/// off", asked for only when the person presses the button; then the grid of videos, the
/// controls, and the room's chat. live-room.js does the work (WebRTC, browser to browser); the
/// server only relays signalling.
public enum LiveRoomPage {
    public static func render(_ model: LiveRoomModel, _ context: LayoutContext) -> [UInt8] {
        let card = model.card, session = card.session
        var data: [Attribute] = [.id("room"), .class("live-room"),
                                 .data("signal-url", card.route(LiveRoute.signal).path),
                                 .data("ice-servers", model.iceServers), .data("host", model.isHost ? "true" : "false"),
                                 .data("page-url", card.route(LiveRoute.session).path)]
        if let fallback = model.fallback { data.append(.data("fallback", fallback)) }
        return Layout.page(title: session.title, context, scripts: ["/js/live-room.js"]) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohort(card.organizationID, session.cohortID).path)) { card.cohortName }
                " › "
                a(.href(card.route(LiveRoute.session).path)) { session.title }
            }
            h1 { session.title }
            p(.class("lead")) { LiveText.when(session) }
            HTML(element: "noscript", attributes: [], content: { HTML {
                p(.class("field-error")) { "The room needs JavaScript; a camera and a microphone are optional." }
            } })
            HTML(element: "div", attributes: data, content: { HTML {
                section(.class("room-setup card"), .id("room-setup"), .aria("labelledby", "setup-heading")) {
                    h2(.id("setup-heading")) { "Before you join" }
                    p(.class("hint")) { "Your browser asks for your camera and microphone when you press the first button; nothing is sent before you join. You can also join without them, to watch and listen." }
                    HTML(element: "video", attributes: [.id("preview"), .class("room-preview"), .custom("muted", ""),
                                                        .custom("playsinline", ""), .custom("autoplay", "")], content: .empty)
                    div(.class("toolbar")) {
                        button(.type("button"), .class("button-secondary"), .id("allow-media")) { "Turn on my camera and microphone" }
                    }
                    div(.class("field-row"), .id("device-pickers"), .hidden) {
                        div(.class("field")) { label(.for("camera-select")) { "Camera" }; HTML(element: "select", attributes: [.id("camera-select")], content: .empty) }
                        div(.class("field")) { label(.for("mic-select")) { "Microphone" }; HTML(element: "select", attributes: [.id("mic-select")], content: .empty) }
                    }
                    label(.class("check")) { input(.type("checkbox"), .id("join-muted")); "Join with my microphone off" }
                    div(.class("toolbar")) { button(.type("button"), .class("button"), .id("join")) { "Join the class" } }
                    p(.id("setup-status"), .role("status")) {}
                }
                section(.class("room-live"), .id("room-live"), .hidden, .aria("label", "The class")) {
                    div(.class("video-grid"), .id("grid")) {}
                    div(.class("room-controls"), .role("toolbar"), .aria("label", "Your controls")) {
                        button(.type("button"), .class("button-secondary"), .id("toggle-mic"), .aria("pressed", "false")) { "Mute" }
                        button(.type("button"), .class("button-secondary"), .id("toggle-camera"), .aria("pressed", "false")) { "Camera off" }
                        button(.type("button"), .class("button-secondary"), .id("share-screen"), .aria("pressed", "false")) { "Share my screen" }
                        button(.type("button"), .class("button-secondary"), .id("raise-hand"), .aria("pressed", "false")) { "Raise my hand" }
                        button(.type("button"), .class("button-secondary"), .id("leave")) { "Leave" }
                        if model.isHost { button(.type("button"), .class("button-secondary danger"), .id("end")) { "End the class for everyone" } }
                    }
                    section(.class("room-chat card"), .aria("labelledby", "chat-heading")) {
                        h2(.id("chat-heading")) { "Chat" }
                        ol(.id("chat-log"), .class("room-chat-log"), .aria("live", "polite")) {}
                        form(.id("chat-form"), .class("room-chat-form")) {
                            label(.for("chat-text"), .class("visually-hidden")) { "Message to the room" }
                            input(.type("text"), .id("chat-text"), .maxlength(1000), .autocomplete("off"), .placeholder("Write to the room"))
                            button(.type("submit"), .class("button-small")) { "Send" }
                        }
                    }
                }
                p(.id("room-status"), .class("room-status"), .role("status")) {}
            } })
        }
    }
}
