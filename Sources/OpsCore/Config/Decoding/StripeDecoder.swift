enum StripeDecoder {
    static func decode(_ value: ConfigValue) -> StripeConfig? {
        value.mapping { stripe in
            var lookupKeys = DuplicateTracker<String>()
            let prices = stripe["prices"]?.list { price($0, lookupKeys: &lookupKeys) }
            var urls = DuplicateTracker<String>()
            let webhooks = stripe["webhooks"]?.list { webhook($0, urls: &urls) }
            return StripeConfig(prices: prices ?? [], webhooks: webhooks ?? [])
        }
    }

    private static func price(_ entry: ConfigValue, lookupKeys: inout DuplicateTracker<String>) -> StripePrice? {
        entry.mapping { price in
            let keyValue = price.required("lookupKey", hint: "add 'lookupKey: pro_monthly'")
            let lookupKey = keyValue?.formatted { text in
                text.count > 200 ? FormatProblem("is longer than Stripe's 200-character limit", hint: "use a shorter key such as pro_monthly") : nil
            }
            if let lookupKey, let keyValue {
                lookupKeys.check(lookupKey, at: keyValue, what: "the price '\(lookupKey)'", hint: "lookup keys are unique in Stripe; rename one")
            }
            let currency = price.required("currency", hint: "add 'currency: usd'")?.formatted(NameFormat.currency)
            let unitAmount = price.required("unitAmount", hint: "add the amount in the smallest unit, as in 'unitAmount: 2900'")?
                .int(in: 0...99_999_999)
            let interval = price["interval"]?.oneOf(StripePrice.Interval.self)
            let active = price["active"]?.bool() ?? true
            guard let lookupKey, let currency, let unitAmount else { return nil }
            return StripePrice(
                lookupKey: lookupKey, currency: currency, unitAmount: unitAmount,
                interval: interval, active: active, location: price.location
            )
        }
    }

    private static func webhook(_ entry: ConfigValue, urls: inout DuplicateTracker<String>) -> StripeWebhook? {
        entry.mapping { webhook in
            let urlValue = webhook.required("url")
            let url = urlValue?.formatted(NetworkFormat.webhookURL)
            if let url, let urlValue { urls.check(url, at: urlValue, what: "the webhook '\(url)'", hint: "list all its events in one entry") }
            let eventsValue = webhook.required("events", hint: "add the events to receive, as in [checkout.session.completed]")
            var seen = DuplicateTracker<String>()
            let events = eventsValue?.list { event -> String? in
                guard let name = event.formatted(eventName) else { return nil }
                seen.check(name, at: event, what: "the event '\(name)'", hint: "list each event once")
                return name
            }
            if let eventsValue, eventsValue.isEmptyList {
                eventsValue.error("\(eventsValue.path) must name at least one event", hint: "add the events to receive, as in [checkout.session.completed]")
            }
            let apiVersion = webhook["apiVersion"]?.formatted(apiVersionName)
            guard let url, let events, !events.isEmpty else { return nil }
            return StripeWebhook(url: url, events: events, apiVersion: apiVersion, location: webhook.location)
        }
    }

    /// A Stripe API version: a date, `2023-08-16`, optionally with a release name, `2025-07-30.basil`.
    private static func apiVersionName(_ text: String) -> FormatProblem? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let dateIsValid = date.count == 3 && zip(date, [4, 2, 2]).allSatisfy { part, length in
            part.count == length && part.unicodeScalars.allSatisfy(NameFormat.isDigit)
        }
        let nameIsValid = parts.count == 1 || (!parts[1].isEmpty && parts[1].unicodeScalars.allSatisfy { ("a"..."z").contains($0) })
        return dateIsValid && nameIsValid ? nil : FormatProblem("must be a Stripe API version such as 2023-08-16, found '\(text)'",
                                                               hint: "copy the version from the Stripe dashboard's Developers page, or leave apiVersion out")
    }

    /// `*` or dotted lowercase words, as in `customer.subscription.updated`.
    private static func eventName(_ text: String) -> FormatProblem? {
        if text == "*" { return nil }
        let words = text.split(separator: ".", omittingEmptySubsequences: false)
        let valid = words.count >= 2 && words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || NameFormat.isDigit($0) || $0 == "_" }
        }
        return valid ? nil : FormatProblem("must be a Stripe event type such as checkout.session.completed, found '\(text)'",
                                           hint: "write event types in lowercase with dots, or '*' for every event")
    }
}
