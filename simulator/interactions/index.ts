// The interaction-server simulator: the desktop side of the local integration API plus the `/sim/interactions`
// routes the demo customer page's chat box talks to.
export { InteractionServerSim, type SimInteraction, type ChatMessage } from './interaction-server';
export { interactionRoutes, ROUTE_PREFIX } from './routes';
