import Catalog
import ChatOps
import Foundation
import Logging
import Scaffolder
import Slack

/// `/template run NAME` in Slack without values: the template's form as a modal, one view per
/// parameter page, each page checked when submitted (errors under the fields), and on the last
/// page the run, with its progress in a thread.
///
/// Everything a submission needs to answer happens before the answer (Slack waits three
/// seconds): reading the values, the same checks as `/template run NAME key=value`, the next
/// page's picker lists from the catalog. The run itself goes to the ``CommandRunner``.
public struct SlackTemplateForms: Sendable {
    let desk: TemplateDesk
    let webAPI: SlackWebAPIClient
    let catalog: CatalogStore
    let identity: IdentityResolver
    let runner: CommandRunner
    let logger: Logger

    /// Creates the forms.
    public init(desk: TemplateDesk, webAPI: SlackWebAPIClient, catalog: CatalogStore, identity: IdentityResolver, runner: CommandRunner, logger: Logger) {
        self.desk = desk
        self.webAPI = webAPI
        self.catalog = catalog
        self.identity = identity
        self.runner = runner
        self.logger = logger
    }

    /// How opening a form went.
    enum Opened: Sendable {
        case opened
        /// Not opened; the message says why, for the person who asked.
        case refused(String)
    }

    /// Opens the first page of `name`'s form for the person whose command gave `triggerID`.
    func open(template name: String, triggerID: String, channel: String?) async -> Opened {
        guard let template = await desk.library().template(named: name) else { return .refused("No template named \(name).") }
        let modal = TemplateModal(template: template)
        let view: ModalView
        do throws(TemplateModalRefusal) {
            view = try modal.view(
                page: 0, state: TemplateModalState(template: name, page: 0, channel: channel, values: [:]), choices: await choices(modal, page: 0))
        } catch {
            return .refused("The form cannot open: \(error.message).")
        }
        do {
            _ = try await webAPI.openView(triggerID: triggerID, view: view)
            return .opened
        } catch let error as SlackAPIError {
            logger.warning("views.open refused a template form", metadata: ["template": "\(name)", "error": "\(error)"])
            return .refused("Slack did not open the form (\(error.code)).")
        } catch {
            logger.warning("views.open failed", metadata: ["template": "\(name)", "error": "\(error)"])
            return .refused("Slack could not be reached to open the form.")
        }
    }

    /// Whether `view` is one of ours.
    func owns(_ view: SubmittedView) -> Bool { view.callbackID == TemplateModal.callbackID }

    /// Answers the submission of one page: errors on the fields, the next page, or (last page)
    /// closing the modal and starting the run.
    func submit(_ submission: SlackViewSubmission) async -> ViewResponse {
        guard let state = TemplateModalState.decode(submission.view.privateMetadata),
            let template = await desk.library().template(named: state.template), state.page < template.pages.count
        else {
            logger.notice("a template form's metadata could not be read", metadata: ["view": "\(submission.view.id)"])
            return .update(TemplateModal.notice(title: "Form out of date", text: "This form no longer matches its template. Close it and run /template run again."))
        }
        let modal = TemplateModal(template: template)
        // Values carried from earlier pages must be fields of those pages: nothing else gets in.
        let earlier = Set(modal.fields.filter { $0.page < state.page }.map(\.name))
        guard state.values.keys.allSatisfy(earlier.contains) else {
            return .update(TemplateModal.notice(title: "Form out of date", text: "This form no longer matches its template. Close it and run /template run \(template.name) again."))
        }
        var values = state.values
        for (name, value) in modal.values(onPage: state.page, from: submission.view) { values[name] = value }

        let (_, allErrors) = await ParameterForm(template: template).prepare(values, catalog: desk.runner.catalog)
        // Later pages' fields are not filled in yet; their turn comes.
        let shownSoFar = Set(modal.fields.filter { $0.page <= state.page }.map(\.name))
        let errors = allErrors.filter { shownSoFar.contains(TemplateModal.topLevelName($0.field)) }
        if !errors.isEmpty {
            let placed = modal.blockErrors(errors, page: state.page)
            if !placed.isEmpty { return .errors(placed) }
            return .update(TemplateModal.notice(title: "Cannot run", text: errors.map(\.description).joined(separator: "\n")))
        }
        let next = state.page + 1
        if next < template.pages.count {
            let nextState = TemplateModalState(template: template.name, page: next, channel: state.channel, values: values)
            do throws(TemplateModalRefusal) {
                let view = try modal.view(page: next, state: nextState, choices: await choices(modal, page: next))
                // Slack's stack holds three views; later pages replace the last one.
                return next < BlockKitLimits.viewStack ? .push(view) : .update(view)
            } catch {
                let firstBlock = modal.fields(onPage: state.page).first.map { $0.picker == "RepoUrlPicker" ? "\($0.name).repo" : $0.name }
                if let firstBlock { return .errors([firstBlock: TemplateModal.clip(error.message, BlockKitLimits.inputHint)]) }
                return .update(TemplateModal.notice(title: "Cannot continue", text: error.message))
            }
        }
        let given = values
        let started = runner.detach {
            await run(template, values: given, userID: submission.user.id, channel: state.channel)
        }
        guard started else {
            return .update(TemplateModal.notice(title: "Try again", text: "Backline is restarting; submit the form again in a moment."))
        }
        return .clear
    }

    /// Runs the template as the person who submitted it, with its progress in a thread.
    func run(_ template: Template, values: [String: JSONValue], userID: String, channel: String?) async {
        let catalogUser = await identity.catalogUser(forChatUser: userID)
        let user = await RunUser.resolve(catalogUser?.description ?? userID, in: catalog)
        let thread = SlackRunThread(webAPI: webAPI, channel: channel ?? userID, userID: userID, templateTitle: template.displayName, tellsRefusals: true, logger: logger)
        let watch = thread.watch
        let result = await desk.runner.run(
            template, RunRequest(values: values, user: user, source: "chat", stepFinished: watch.stepFinished, started: watch.started))
        await watch.finished(result)
        logger.info("template run from a Slack form", metadata: ["template": "\(template.name)", "status": "\(result.status.rawValue)", "run": "\(result.id)"])
    }

    /// The entities each picker field of `page` offers.
    private func choices(_ modal: TemplateModal, page: Int) async -> [String: [Entity]] {
        guard let pickers = desk.runner.catalog else { return [:] }
        var choices: [String: [Entity]] = [:]
        for field in modal.fields(onPage: page) where field.picksEntity {
            do {
                choices[field.name] = try await field.pickerChoices(in: pickers)
            } catch {
                // The field falls back to typed text, checked when submitted.
                logger.warning("could not list a picker's entities", metadata: ["field": "\(field.name)", "error": "\(error)"])
            }
        }
        return choices
    }
}
