export { createUserService, ROLES, EmailTaken, newUserSchema } from './user-service.js';
export { hashPassword, verifyPassword, passwordProblem } from './passwords.js';
