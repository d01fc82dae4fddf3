import Hummingbird
import NIOCore

/// The mock's request context: Hummingbird's basic one plus the request's channel, which
/// the faults that break connections (resets, truncated bodies, outages) need.
struct MockRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
