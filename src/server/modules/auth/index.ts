/** Sign-in, sign-out and the current user. */
