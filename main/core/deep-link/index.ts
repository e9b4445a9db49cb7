export { parseDeepLink, deepLinkInArgv, DEEP_LINK_SCHEME, type DeepLink } from './parse';
export { createDeepLinkInbox, type DeepLinkInbox } from './inbox';
