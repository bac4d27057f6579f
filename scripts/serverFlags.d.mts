/** The Node.js flags Hearth's server runs with (`npm start` and every node tests start). */
export declare const SERVER_NODE_FLAGS: string[];
