console.log('tunewise');
