/** Sign-in, sign-out and the current user. */
export { authRoutes } from './routes';
