import Foundation
import OpsCore

/// The GitHub REST calls opsctl makes, over the shared client.
struct GitHubAPI: Sendable {
    let client: ServiceHTTPClient
    let owner: String
    let repo: String

    private var repoPath: String { "/repos/\(PathSegment.encode(owner))/\(PathSegment.encode(repo))" }

    /// `expected` is how many labels desired-state.yaml declares: the pages that many fill are
    /// requested with the first (see `allPages`).
    /// `onPage` is given each page's labels as soon as it is decoded, in no particular order.
    /// `started` holds the answers of pages already on their way, by page number (`startListingLabels`).
    func listLabels(
        expected: Int = 0, started: [Int: Task<ServiceResponse, any Error>] = [:], onPage: (@Sendable ([LabelSnapshot]) -> Void)? = nil
    ) async throws -> [LabelSnapshot] {
        try await allPages(of: labelsTarget, expectedItems: expected, started: started) { page in
            let labels = try GitHubLabelPage.read(page)
            onPage?(labels)
            return labels
        }.flatMap { $0 }
    }

    private var labelsTarget: String { "\(repoPath)/labels?per_page=\(Self.pageSize)" }

    /// Sends the request for one page of the label listing now, for `listLabels(started:)` to use.
    func startListingLabels(page: Int) -> Task<ServiceResponse, any Error> {
        let client = client
        let request = Self.pageRequest(labelsTarget, page: page)
        return Task { try await client.send(request) }
    }

    /// The pages of the label listing asked for before its first answer when `expected` labels
    /// are declared: the first, and those the rest fill (see `allPages`).
    func guessedLabelPages(expected: Int) -> ClosedRange<Int> {
        1...guessedLastPage(expectedItems: expected)
    }

    func label(named name: String) async throws -> LabelSnapshot? {
        var request = ServiceRequest.get("\(repoPath)/labels/\(PathSegment.encode(name))")
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { return nil }
        return LabelSnapshot(try response.decodeJSON(GitHubLabelBody.self))
    }

    func createLabel(_ label: LabelSnapshot) async throws -> LabelSnapshot {
        var body: [String: JSONValue] = ["name": .string(label.name), "color": .string(label.color)]
        if let description = label.description { body["description"] = .string(description) }
        let response = try await client.send(.json("POST", "\(repoPath)/labels", body: .object(body)))
        return LabelSnapshot(try response.decodeJSON(GitHubLabelBody.self))
    }

    func updateLabel(currentName: String, to label: LabelSnapshot) async throws -> LabelSnapshot {
        let body: JSONValue = .object([
            "new_name": .string(label.name),
            "color": .string(label.color),
            "description": .string(label.description ?? ""),
        ])
        let response = try await client.send(.json("PATCH", "\(repoPath)/labels/\(PathSegment.encode(currentName))", body: body))
        return LabelSnapshot(try response.decodeJSON(GitHubLabelBody.self))
    }

    /// 404 counts as done: the label is gone either way.
    func deleteLabel(named name: String) async throws {
        var request = ServiceRequest(method: "DELETE", target: "\(repoPath)/labels/\(PathSegment.encode(name))")
        request.acceptedStatuses = [404]
        request.idempotency = .idempotent
        _ = try await client.send(request)
    }

    /// Nil when the branch has no classic protection (GitHub answers 404 "Branch not protected").
    func protection(branch: String) async throws -> ProtectionSnapshot? {
        try await protectionBody(branch: branch).map(ProtectionSnapshot.init)
    }

    /// What the next PUT must keep; GitHub's defaults when the branch is not protected.
    func undeclaredProtection(branch: String) async throws -> UndeclaredProtection {
        try await protectionBody(branch: branch).map(UndeclaredProtection.init) ?? .none
    }

    private func protectionBody(branch: String) async throws -> GitHubProtectionBody? {
        var request = ServiceRequest.get("\(repoPath)/branches/\(PathSegment.encode(branch))/protection")
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { return nil }
        return try response.decodeJSON(GitHubProtectionBody.self)
    }

    func putProtection(branch: String, _ protection: ProtectionSnapshot, keeping kept: UndeclaredProtection) async throws -> ProtectionSnapshot {
        var request = ServiceRequest.json(
            "PUT", "\(repoPath)/branches/\(PathSegment.encode(branch))/protection", body: protection.putBody(keeping: kept))
        // PUT replaces the whole protection, so repeating it after a lost response is safe.
        request.idempotency = .idempotent
        let response = try await client.send(request)
        return ProtectionSnapshot(try response.decodeJSON(GitHubProtectionBody.self))
    }

    /// GitHub's largest page: the fewer pages, the fewer round trips.
    static let pageSize = 100

    /// The request for page `page` of the listing at `target` (the first page's own target).
    private static func pageRequest(_ target: String, page: Int) -> ServiceRequest {
        let first = ServiceRequest.get(target)
        return page == 1 ? first : first.settingQueryItem("page", String(page))
    }

    /// The last page asked for before a listing's first answer when `expectedItems` are expected.
    private func guessedLastPage(expectedItems: Int) -> Int {
        let expectedPages = (expectedItems + Self.pageSize - 1) / Self.pageSize
        return max(1, min(expectedPages, Self.guessLimit(slots: client.configuration.maxConcurrentRequests)))
    }

    /// How many pages of a listing are asked for before its first answer: two waves' worth.
    static func guessLimit(slots: Int) -> Int { 2 * slots }

    /// Every page of a listing, each decoded by `decode`, in listing order.
    ///
    /// Pagination chains round trips: the first page's `Link` header names the last page, and only
    /// then can the others be asked for. When the caller expects `expectedItems`, the pages those
    /// fill are requested beside the first, up to twice as many as the client has slots for, so
    /// a listing the size desired-state.yaml predicts takes the round trips its request count
    /// forces (docs/http.md, "Pagination"): the guesses beyond the slots take the first slots
    /// the first wave frees, rather than waiting for the first page's answer to be read. A
    /// guessed page past the real last page answers `[]` and is dropped, and so is its failure:
    /// the first page's `Link` header decides which pages exist. So a repository with fewer
    /// labels than declared costs at most `guessLimit - 1` requests more than its pages.
    /// When the header names no page numbers, `rel="next"` is followed to the end instead.
    /// `started` holds the answers of pages sent before the listing was, by number
    /// (`GitHubConnector.startReading`, `continueReading(declared:)`): those among the pages it
    /// guesses are used, not sent again, and cancelled with the listing; any others (a count the
    /// parse saw larger than the decoded file's) are cancelled at once.
    ///
    /// Guessed pages are decoded only once the first page's answer has been acted on: decoding
    /// them as they arrive kept the cooperative threads busy while the first page waited its turn,
    /// which delayed the next wave of requests by milliseconds. They are then decoded at utility
    /// priority, so that the answers coming back, which hand their slots to the next wave's
    /// requests, are taken first (docs/performance.md).
    private func allPages<Item: Sendable>(
        of target: String, expectedItems: Int = 0, started: [Int: Task<ServiceResponse, any Error>] = [:],
        decode: @escaping @Sendable (ServiceResponse) throws -> [Item]
    ) async throws -> [[Item]] {
        let guessedLast = guessedLastPage(expectedItems: expectedItems)
        let firstRequest = Self.pageRequest(target, page: 1)
        let used = started.filter { $0.key >= 1 && $0.key <= guessedLast }
        for (number, task) in started where used[number] == nil { task.cancel() }
        return try await withThrowingTaskGroup(of: ListingPage<Item>.self, returning: [[Item]].self) { group in
            // Added first, so it is usually first in line for one of the client's slots.
            let firstPage = used[1]
            group.addTask {
                let response: ServiceResponse
                if let firstPage { response = try await ListingPage<Item>.answer(of: firstPage) } else { response = try await client.send(firstRequest) }
                return ListingPage(number: 1, content: .undecoded(response))
            }
            for number in stride(from: 2, through: guessedLast, by: 1) {
                if let sent = used[number] {
                    group.addTask { await ListingPage.awaiting(number: number, sent) }
                } else {
                    let request = Self.pageRequest(target, page: number)
                    group.addTask { await ListingPage.fetch(number: number, request: request, client: client) }
                }
            }
            var decoded: [Int: Result<[Item], any Error>] = [:]
            // Known once the first page has answered; until then guessed pages wait undecoded.
            var lastPage: Int?
            var waiting: [(number: Int, response: ServiceResponse)] = []
            while let page = try await group.next() {
                switch page.content {
                case .decoded(let items):
                    decoded[page.number] = items
                case .undecoded(let response) where page.number != 1:
                    if let lastPage {
                        if page.number <= lastPage { group.addTask(priority: .utility) { ListingPage.decoding(number: page.number, response, decode) } }
                    } else {
                        waiting.append((page.number, response))
                    }
                case .undecoded(let first):
                    let header = first.headers.values("Link").joined(separator: ", ")
                    var last = 1
                    if let next = LinkHeader.uri(rel: "next", in: header) {
                        guard let named = LinkHeader.uri(rel: "last", in: header).flatMap(PageNumber.of),
                            PageNumber.of(next) == 2, named >= 2, named <= 1000,
                            let remaining = Self.targets(of: stride(from: guessedLast + 1, through: named, by: 1), like: next)
                        else {
                            // No page numbers to ask for at once: walk the `next` links instead.
                            group.cancelAll()
                            var pages = [try decode(first)]
                            for try await page in client.paginateLinks(.get(next)) { pages.append(try decode(page)) }
                            return pages
                        }
                        for (number, pageTarget) in remaining {
                            group.addTask { await ListingPage.fetch(number: number, request: .get(pageTarget), client: client, decode: decode) }
                        }
                        last = named
                    }
                    lastPage = last
                    for (number, response) in waiting where number <= last {
                        group.addTask(priority: .utility) { ListingPage.decoding(number: number, response, decode) }
                    }
                    waiting = []
                    // The first page is decoded once the others are requested, not before.
                    decoded[1] = .success(try decode(first))
                }
            }
            // Every task has answered, the first page among them, so every page up to the last is here.
            return try (1...(lastPage ?? 1)).map { number in try (decoded[number] ?? .success([])).get() }
        }
    }

    /// Page targets `numbers` made from the `next` link, or nil when one cannot be made.
    private static func targets(of numbers: StrideThrough<Int>, like next: String) -> [(Int, String)]? {
        var targets: [(Int, String)] = []
        for number in numbers {
            guard let target = PageNumber.replace(in: next, with: number) else { return nil }
            targets.append((number, target))
        }
        return targets
    }
}

/// One page of a listing: its answer still undecoded (the first page, whose `Link` header decides
/// what follows, and guessed pages until then), or decoded, or why it could not be read, kept
/// until it is known whether that page exists.
struct ListingPage<Item: Sendable>: Sendable {
    enum Content: Sendable {
        case undecoded(ServiceResponse)
        case decoded(Result<[Item], any Error>)
    }

    var number: Int
    var content: Content

    /// Fetched and left undecoded.
    static func fetch(number: Int, request: ServiceRequest, client: ServiceHTTPClient) async -> ListingPage {
        do {
            return ListingPage(number: number, content: .undecoded(try await client.send(request)))
        } catch {
            return ListingPage(number: number, content: .decoded(.failure(error)))
        }
    }

    /// Sent before the listing began (`GitHubAPI.allPages`'s `started`) and left undecoded.
    static func awaiting(number: Int, _ sent: Task<ServiceResponse, any Error>) async -> ListingPage {
        do {
            return ListingPage(number: number, content: .undecoded(try await answer(of: sent)))
        } catch {
            return ListingPage(number: number, content: .decoded(.failure(error)))
        }
    }

    /// The answer of a request sent before the listing began, which is cancelled when the task
    /// waiting for it is: it runs in a task of its own, outside the listing's group.
    static func answer(of sent: Task<ServiceResponse, any Error>) async throws -> ServiceResponse {
        try await withTaskCancellationHandler { try await sent.value } onCancel: { sent.cancel() }
    }

    /// Fetched and decoded at once.
    static func fetch(
        number: Int, request: ServiceRequest, client: ServiceHTTPClient, decode: @Sendable (ServiceResponse) throws -> [Item]
    ) async -> ListingPage {
        do {
            return decoding(number: number, try await client.send(request), decode)
        } catch {
            return ListingPage(number: number, content: .decoded(.failure(error)))
        }
    }

    static func decoding(number: Int, _ response: ServiceResponse, _ decode: (ServiceResponse) throws -> [Item]) -> ListingPage {
        ListingPage(number: number, content: .decoded(Result { try decode(response) }))
    }
}

/// The `page` query parameter of a pagination link.
enum PageNumber {
    static func of(_ link: String) -> Int? {
        URLComponents(string: link)?.queryItems?.first { $0.name == "page" }?.value.flatMap(Int.init)
    }

    static func replace(in link: String, with page: Int) -> String? {
        guard var components = URLComponents(string: link), var items = components.queryItems,
            let index = items.firstIndex(where: { $0.name == "page" })
        else { return nil }
        items[index].value = String(page)
        components.queryItems = items
        return components.string
    }
}

/// Percent-encodes one path segment: label names may hold spaces, `/` or emoji.
enum PathSegment {
    static func encode(_ text: String) -> String {
        PercentEncoding.encode(text)
    }
}
